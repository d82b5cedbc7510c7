import { describe, expect, it } from 'vitest';
import { closestNames } from './closest.js';
import { canonicalItemType, inferJobType, KNOWN_JOB_TYPES } from './item-types.js';

describe('inferJobType', () => {
  it('infers the only job type of an item type; an explicit one wins', () => {
    expect(inferJobType('Notebook', undefined, 'x')).toBe('RunNotebook');
    expect(inferJobType('DataPipeline', undefined, 'x')).toBe('Pipeline');
    expect(inferJobType('SparkJobDefinition', undefined, 'x')).toBe('sparkjob');
    expect(inferJobType('notebook', undefined, 'x')).toBe('RunNotebook');
    expect(inferJobType('Notebook', 'Custom', 'x')).toBe('Custom');
    expect(inferJobType('Warehouse', 'Execute', 'x')).toBe('Execute');
  });

  it('asks for --job-type and lists the choices when the item type has several or none', () => {
    expect(() => inferJobType('Lakehouse', undefined, 'item "Sales lake.Lakehouse"')).toThrow(
      'item "Sales lake.Lakehouse" is a Lakehouse, which runs several job types: give --job-type (one of TableMaintenance, RefreshMaterializedLakeViews)',
    );
    expect(() => inferJobType('Dataflow', ' ', 'x', 'jobType')).toThrow('give jobType (one of Execute, ApplyChanges)');
    expect(() => inferJobType('Warehouse', undefined, 'x')).toThrow(`has no job type of its own: give --job-type (job types known: ${KNOWN_JOB_TYPES.join(', ')})`);
  });

  it('knows the spec spelling of item types', () => {
    expect(canonicalItemType('sparkjobdefinition')).toBe('SparkJobDefinition');
    expect(canonicalItemType('Notbook')).toBeUndefined();
  });
});

describe('closestNames', () => {
  it('suggests close and containing names, closest first', () => {
    expect(closestNames('Load ordres', ['Load orders', 'Load customers', 'Report'])).toEqual(['Load orders']);
    expect(closestNames('orders', ['Load orders', 'Ship orders', 'x'])).toEqual(['Load orders', 'Ship orders']);
    expect(closestNames('zzz', ['Load orders'])).toEqual([]);
  });
});
