/**
 * A pipeline's steps as an SVG graph, laid out left to right from `needs` by dagre
 * (@dagrejs/dagre), each node coloured by the step's state and linking to the step's details.
 */
import dagre, { type Edge } from '@dagrejs/dagre';
import { esc } from './html.js';

export interface GraphNode {
  id: string;
  needs: readonly string[];
  /** A DrawnState (step-state.ts): the node's colour class. */
  state: string;
  /** The line under the step's id. */
  caption: string;
}

const NODE_WIDTH = 170;
const NODE_HEIGHT = 46;
const MARGIN = 12;

/** The graph's SVG; an edge to a step that is not in the graph is left out. */
export function stepGraphSvg(nodes: readonly GraphNode[]): string {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 46, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(nodes.map((node) => node.id));
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const node of nodes) for (const need of node.needs) if (known.has(need)) graph.setEdge(need, node.id);
  dagre.layout(graph);
  const { width = 0, height = 0 } = graph.graph();
  const edges = graph.edges().map((edge: Edge) => {
    const points: { x: number; y: number }[] = graph.edge(edge).points ?? [];
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    return `<path class="edge" d="${path}" marker-end="url(#arrow)"/>`;
  });
  const boxes = nodes.map((node) => {
    const { x, y } = graph.node(node.id);
    const left = x - NODE_WIDTH / 2;
    const top = y - NODE_HEIGHT / 2;
    const id = cut(node.id, 22);
    return (
      `<a href="#step-${esc(node.id)}"><g class="node" data-step="${esc(node.id)}" data-state="${esc(node.state)}">` +
      `<title>${esc(node.id)}: ${esc(node.caption)}</title>` +
      `<rect class="fill-${esc(node.state.toLowerCase())}" x="${left}" y="${top}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>` +
      `<text x="${left + 10}" y="${top + 18}" font-weight="600">${esc(id)}</text>` +
      `<text x="${left + 10}" y="${top + 36}" fill="#3b4352">${esc(cut(node.caption, 26))}</text></g></a>`
    );
  });
  return (
    `<svg class="step-graph" role="img" aria-label="steps of the pipeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a93a3"/></marker></defs>` +
    `${edges.join('')}${boxes.join('')}</svg>`
  );
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
