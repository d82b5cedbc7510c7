import { describe, expect, it } from 'vitest';
import { findCycles, topologicalOrder, transitiveDependants, transitiveNeeds } from '../../src/pipeline/graph.js';

const diamond = [
  { id: 'top', needs: [] },
  { id: 'left', needs: ['top'] },
  { id: 'right', needs: ['top'] },
  { id: 'bottom', needs: ['left', 'right'] },
];

describe('topologicalOrder', () => {
  it('puts every step after its needs, file order among ready steps', () => {
    expect(topologicalOrder(diamond)).toEqual(['top', 'left', 'right', 'bottom']);
    expect(topologicalOrder([{ id: 'z', needs: ['a'] }, { id: 'a' }, { id: 'm' }])).toEqual(['a', 'm', 'z']);
  });

  it('ignores unknown needs and refuses cycles', () => {
    expect(topologicalOrder([{ id: 'a', needs: ['ghost'] }])).toEqual(['a']);
    expect(() => topologicalOrder([{ id: 'a', needs: ['b'] }, { id: 'b', needs: ['a'] }])).toThrow(/cycle/);
  });
});

describe('findCycles', () => {
  it('finds none in a DAG', () => {
    expect(findCycles(diamond)).toEqual([]);
  });

  it('names each cycle once, starting from its first step in file order', () => {
    const nodes = [
      { id: 'a', needs: ['c'] },
      { id: 'b', needs: ['a'] },
      { id: 'c', needs: ['b'] },
      { id: 'self', needs: ['self'] },
      { id: 'x', needs: ['y', 'a'] },
      { id: 'y', needs: ['x'] },
    ];
    expect(findCycles(nodes)).toEqual([
      ['a', 'c', 'b', 'a'],
      ['self', 'self'],
      ['x', 'y', 'x'],
    ]);
  });

  it('gives a shortest cycle through the first step of a tangled component', () => {
    const nodes = [
      { id: 'a', needs: ['b', 'd'] },
      { id: 'b', needs: ['c'] },
      { id: 'c', needs: ['a'] },
      { id: 'd', needs: ['a'] },
    ];
    expect(findCycles(nodes)).toEqual([['a', 'd', 'a']]);
  });
});

describe('transitive needs and dependants', () => {
  it('follows needs through other steps', () => {
    expect([...transitiveNeeds(diamond, 'bottom')].sort()).toEqual(['left', 'right', 'top']);
    expect([...transitiveNeeds(diamond, 'top')]).toEqual([]);
    expect([...transitiveDependants(diamond, 'left')]).toEqual(['bottom']);
    expect([...transitiveDependants(diamond, 'top')].sort()).toEqual(['bottom', 'left', 'right']);
  });

  it('terminates on cycles', () => {
    expect([...transitiveNeeds([{ id: 'a', needs: ['b'] }, { id: 'b', needs: ['a'] }], 'a')].sort()).toEqual(['a', 'b']);
  });
});
