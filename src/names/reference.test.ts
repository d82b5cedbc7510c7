import { describe, expect, it } from 'vitest';
import { formatItemRef, parseItemRef, parseTypedItemRef, parseWorkspaceRef, typedItemRefProblem } from './reference.js';

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

describe('parseTypedItemRef', () => {
  it('reads an id, a plain name, Name.Type, a name with dots and a path, all of the given type', () => {
    expect(parseTypedItemRef(WS, 'SemanticModel')).toEqual({ kind: 'id', id: WS });
    expect(parseTypedItemRef(' Sales ', 'SemanticModel')).toEqual({ kind: 'name', name: 'Sales', type: 'SemanticModel' });
    expect(parseTypedItemRef('Sales.semanticmodel', 'SemanticModel')).toEqual({ kind: 'name', name: 'Sales', type: 'SemanticModel' });
    expect(parseTypedItemRef('Sales v1.2', 'SemanticModel')).toEqual({ kind: 'name', name: 'Sales v1.2', type: 'SemanticModel' });
    expect(parseTypedItemRef('Sales.Report.SemanticModel', 'SemanticModel')).toEqual({ kind: 'name', name: 'Sales.Report', type: 'SemanticModel' });
    expect(parseTypedItemRef('BI.Workspace/Sales', 'SemanticModel')).toEqual({ kind: 'name', name: 'Sales', type: 'SemanticModel', workspace: { kind: 'name', name: 'BI' } });
  });

  it('gives one clear message per bad input', () => {
    expect(() => parseTypedItemRef('Sales.Report', 'SemanticModel', '--semantic-model')).toThrow(
      '--semantic-model "Sales.Report": names a Report, not a SemanticModel (for a SemanticModel whose name ends in ".Report", write "Sales.Report.SemanticModel")',
    );
    expect(() => parseTypedItemRef(' ', 'SemanticModel', '--semantic-model')).toThrow('empty; expected a SemanticModel id or name');
    expect(() => parseTypedItemRef('.SemanticModel', 'SemanticModel')).toThrow('the SemanticModel name is empty');
    expect(() => parseTypedItemRef('a/b/c', 'SemanticModel')).toThrow('a path has two parts');
    expect(() => parseTypedItemRef(`BI/${WS}`, 'SemanticModel')).toThrow('give a SemanticModel id on its own');
    expect(typedItemRefProblem(3, 'SemanticModel')).toBe('must be a SemanticModel id or name');
    expect(typedItemRefProblem('Sales', 'SemanticModel')).toBeUndefined();
  });
});
