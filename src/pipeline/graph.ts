/**
 * The step graph: `needs` edges point from a step to the steps it waits for. Pure functions over
 * `{ id, needs }` lists; unknown needs are ignored here (semantics.ts reports them).
 */

export interface GraphNode {
  id: string;
  needs?: readonly string[];
}

function needsOf(nodes: readonly GraphNode[]): Map<string, string[]> {
  const ids = new Set(nodes.map((node) => node.id));
  const map = new Map<string, string[]>();
  for (const node of nodes) {
    if (!map.has(node.id)) map.set(node.id, [...new Set(node.needs ?? [])].filter((need) => ids.has(need)));
  }
  return map;
}

/**
 * The cycles of the graph, one per strongly connected component, each as a closed walk in file
 * order: `['a', 'b', 'a']` means a needs b and b needs a. A step that needs itself is `['a', 'a']`.
 */
export function findCycles(nodes: readonly GraphNode[]): string[][] {
  const needs = needsOf(nodes);
  const cycles: string[][] = [];
  const order = [...needs.keys()];
  const index = new Map(order.map((id, i) => [id, i]));
  for (const component of stronglyConnected(order, needs)) {
    const first = component.toSorted((a, b) => index.get(a)! - index.get(b)!)[0]!;
    const inComponent = new Set(component);
    if (component.length === 1 && !needs.get(first)!.includes(first)) continue;
    cycles.push(walkBack(first, inComponent, needs));
  }
  return cycles.sort((a, b) => index.get(a[0]!)! - index.get(b[0]!)!);
}

/** A path from `start` through the component back to `start` (breadth-first: a shortest cycle). */
function walkBack(start: string, component: Set<string>, needs: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of needs.get(current)!) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = current; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Tarjan's algorithm, iterative enough for any realistic pipeline (recursion depth = path length). */
function stronglyConnected(order: string[], needs: Map<string, string[]>): string[][] {
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  let counter = 0;
  const visit = (id: string): void => {
    indexOf.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    for (const next of needs.get(id)!) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id)!, indexOf.get(next)!));
      }
    }
    if (low.get(id) === indexOf.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      result.push(component);
    }
  };
  for (const id of order) if (!indexOf.has(id)) visit(id);
  return result;
}

/**
 * Steps in an order where every step comes after all its needs; among ready steps, file order wins.
 * Throws when the graph has a cycle (validate first).
 */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] {
  const needs = needsOf(nodes);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < needs.size) {
    const ready = [...needs.keys()].filter((id) => !done.has(id) && needs.get(id)!.every((need) => done.has(need)));
    if (ready.length === 0) throw new Error('the step graph has a cycle');
    for (const id of ready) {
      done.add(id);
      order.push(id);
    }
  }
  return order;
}

/** Every step `id` waits for, directly or through other steps (cycle-safe). */
export function transitiveNeeds(nodes: readonly GraphNode[], id: string): Set<string> {
  const needs = needsOf(nodes);
  const seen = new Set<string>();
  const pending = [...(needs.get(id) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(needs.get(next) ?? []));
  }
  return seen;
}

/** Steps that wait for `id`, directly or transitively. */
export function transitiveDependants(nodes: readonly GraphNode[], id: string): Set<string> {
  return new Set(nodes.filter((node) => node.id !== id && transitiveNeeds(nodes, node.id).has(id)).map((node) => node.id));
}
