import { describe, expect, it } from 'vitest';
import { formatItemRef, parseItemRef, parseWorkspaceRef } from './reference.js';

const WS = '4b218778-e7a5-4d73-8187-f10824047715';

describe('parseWorkspaceRef', () => {
  it('reads an id, a name and Name.Workspace', () => {
    expect(parseWorkspaceRef(WS.toUpperCase())).toEqual({ kind: 'id', id: WS });
    expect(parseWorkspaceRef('Sales Prod')).toEqual({ kind: 'name', name: 'Sales Prod' });
    expect(parseWorkspaceRef(' Sales Prod.Workspace ')).toEqual({ kind: 'name', name: 'Sales Prod' });
    expect(parseWorkspaceRef('Sales v1.2')).toEqual({ kind: 'name', name: 'Sales v1.2' });
  });

  it('refuses an empty name and a path, one message each', () => {
    expect(() => parseWorkspaceRef('', '--workspace')).toThrow('--workspace "": the workspace name is empty');
    expect(() => parseWorkspaceRef('.Workspace', '--workspace')).toThrow('the workspace name is empty');
    expect(() => parseWorkspaceRef('a/b', '--workspace')).toThrow('not a path');
  });
});

describe('parseItemRef', () => {
  it('reads an id, Name.ItemType (type case-insensitive, dots in names) and a path', () => {
    expect(parseItemRef(WS)).toEqual({ kind: 'id', id: WS });
    expect(parseItemRef('Load orders.Notebook')).toEqual({ kind: 'name', name: 'Load orders', type: 'Notebook' });
    expect(parseItemRef('v1.2 load.datapipeline')).toEqual({ kind: 'name', name: 'v1.2 load', type: 'DataPipeline' });
    expect(parseItemRef('Sales Prod.Workspace/Load orders.Notebook')).toEqual({
      kind: 'name',
      name: 'Load orders',
      type: 'Notebook',
      workspace: { kind: 'name', name: 'Sales Prod' },
    });
    expect(parseItemRef(`${WS}/Load orders.Notebook`)).toMatchObject({ workspace: { kind: 'id', id: WS } });
  });

  it('gives one clear message per bad input', () => {
    expect(() => parseItemRef('', '--item')).toThrow(/^--item "": empty; expected an item id or "Name.ItemType"/);
    expect(() => parseItemRef('.Notebook', '--item')).toThrow('--item ".Notebook": the item name before ".Notebook" is empty');
    expect(() => parseItemRef('A.Workspace/f/x.Notebook', '--item')).toThrow('a path has two parts, "Workspace.Workspace/Name.ItemType"; this one has 3');
    expect(() => parseItemRef('Load orders.Notbook', '--item')).toThrow('--item "Load orders.Notbook": unknown item type "Notbook" (did you mean Notebook?)');
    expect(() => parseItemRef('Load orders', '--item')).toThrow('add the item type after a dot, e.g. "Load orders.Notebook"');
    expect(() => parseItemRef('.Workspace/x.Notebook', '--item')).toThrow('the workspace name is empty');
    expect(() => parseItemRef(`A/${WS}`, '--item')).toThrow('give an item id on its own');
  });

  it('formats references back', () => {
    expect(formatItemRef(parseItemRef('Sales.Workspace/Load orders.notebook'))).toBe('Sales.Workspace/Load orders.Notebook');
    expect(formatItemRef(parseItemRef('Load orders.Notebook'))).toBe('Load orders.Notebook');
  });
});
