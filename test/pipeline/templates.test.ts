import { describe, expect, it } from 'vitest';
import { findTemplates, formatPath, parseTemplateExpression, renderString, renderTemplates, TemplateError, type TemplateContext } from '../../src/templates.js';

const context: TemplateContext = {
  params: { region: 'emea', days: 7, full: false, missing: null },
  steps: {
    ingest: { jobInstanceId: '5b3f1e34-3f0f-4c42-8d0f-3f5d2d0c1a11', status: 'Completed', startTimeUtc: '2024-05-01T01:00:00.0000000', endTimeUtc: '2024-05-01T01:05:00.0000000' },
    failed: { jobInstanceId: null, status: 'Failed' },
    count: { jobInstanceId: 'c', status: 'Completed', exitValue: '{"rows": 42, "tables": ["sales", "returns"], "meta": {"ok": true}}' },
    plain: { jobInstanceId: 'p', status: 'Completed', exitValue: 'done' },
  },
  logicalDate: '2024-05-01',
};

describe('parseTemplateExpression', () => {
  it.each([
    ['params.region', { kind: 'param', name: 'region' }],
    [' logicalDate ', { kind: 'logicalDate' }],
    ['steps.load-orders.jobInstanceId', { kind: 'step', stepId: 'load-orders', field: 'jobInstanceId' }],
    ['steps.ingest', { kind: 'unknown', expression: 'steps.ingest' }],
    ['steps.count.exitValue.rows', { kind: 'step', stepId: 'count', field: 'exitValue', keys: ['rows'] }],
    ['steps.count.exitValue.tables.0', { kind: 'step', stepId: 'count', field: 'exitValue', keys: ['tables', '0'] }],
    ['params.a.b', { kind: 'unknown', expression: 'params.a.b' }],
    ['env.HOME', { kind: 'env', name: 'HOME' }],
    ['environment.HOME', { kind: 'unknown', expression: 'environment.HOME' }],
  ])('%s', (expression, ref) => {
    expect(parseTemplateExpression(expression)).toEqual(ref);
  });
});

describe('renderString', () => {
  it('keeps the type of a value that is a single template', () => {
    expect(renderString('{{ params.days }}', context)).toBe(7);
    expect(renderString('{{params.full}}', context)).toBe(false);
    expect(renderString('{{ params.region }}', context)).toBe('emea');
  });

  it('renders templates inside text as text', () => {
    expect(renderString('sales-{{ params.region }}-{{ logicalDate }}-{{ params.days }}d', context)).toBe('sales-emea-2024-05-01-7d');
  });

  it('renders a step output, and an empty string when the step has no job instance', () => {
    expect(renderString('{{ steps.ingest.jobInstanceId }}', context)).toBe('5b3f1e34-3f0f-4c42-8d0f-3f5d2d0c1a11');
    expect(renderString('run={{ steps.failed.jobInstanceId }}', context)).toBe('run=');
  });

  it('renders exit values, their JSON fields with their types, and the status and times of a step', () => {
    expect(renderString('{{ steps.count.exitValue.rows }}', context)).toBe(42);
    expect(renderString('{{ steps.count.exitValue.meta }}', context)).toEqual({ ok: true });
    expect(renderString('{{ steps.count.exitValue.tables.1 }}', context)).toBe('returns');
    expect(renderString('n={{ steps.count.exitValue.rows }} t={{ steps.count.exitValue.tables }}', context)).toBe('n=42 t=["sales","returns"]');
    expect(renderString('{{ steps.plain.exitValue }}', context)).toBe('done');
    expect(renderString('[{{ steps.ingest.exitValue }}]', context)).toBe('[]');
    expect(renderString('{{ steps.failed.status }}', context)).toBe('Failed');
    expect(renderString('{{ steps.ingest.startTimeUtc }}..{{ steps.ingest.endTimeUtc }}', context)).toBe('2024-05-01T01:00:00.0000000..2024-05-01T01:05:00.0000000');
  });

  it('leaves strings without templates alone', () => {
    expect(renderString('no {templates} here }}', context)).toBe('no {templates} here }}');
  });

  it.each([
    ['{{ params.regoin }}', 'unknown param "regoin"'],
    ['{{ steps.other.jobInstanceId }}', 'step "other" is not available here'],
    ['{{ steps.ingest.state }}', 'unknown step field "state" (known: jobInstanceId, exitValue, status, startTimeUtc, endTimeUtc)'],
    ['{{ steps.ingest.status.x }}', '"steps.ingest.status.x": only exitValue has fields'],
    ['{{ steps.count.exitValue.cols }}', '"steps.count.exitValue.cols": the exit value has no field "cols"'],
    ['{{ steps.count.exitValue.tables.5 }}', '"steps.count.exitValue.tables.5": the exit value has no field "5"'],
    ['{{ steps.plain.exitValue.rows }}', '"steps.plain.exitValue.rows": the exit value is not JSON ("done")'],
    ['{{ steps.ingest.exitValue.rows }}', '"steps.ingest.exitValue.rows": the exit value is not JSON (there is none)'],
    ['{{ now }}', 'unknown template variable "now"'],
    ['x {{ params.region', 'unterminated template "{{ params.region": missing "}}"'],
  ])('refuses %s', (text, message) => {
    expect(() => renderString(text, context, ['a'])).toThrow(new TemplateError(message, ['a']));
  });
});

describe('renderTemplates', () => {
  it('renders every string of a nested value and leaves other values and keys as they are', () => {
    const value = { '{{ params.region }}': ['{{ params.region }}', 1, null, { deep: '{{ logicalDate }}', flag: true }] };
    expect(renderTemplates(value, context)).toEqual({ '{{ params.region }}': ['emea', 1, null, { deep: '2024-05-01', flag: true }] });
  });

  it('names the path of a failing template', () => {
    try {
      renderTemplates({ parameters: [{ value: '{{ params.nope }}' }] }, context);
      expect.unreachable();
    } catch (error) {
      expect((error as TemplateError).path).toEqual(['parameters', 0, 'value']);
      expect((error as TemplateError).name).toBe('TemplateError');
    }
  });
});

describe('findTemplates', () => {
  it('lists each template with its path, including malformed ones', () => {
    const found = findTemplates({ a: 'x {{ params.p }} {{ logicalDate }}', b: [{ c: '{{ steps.s.jobInstanceId' }] });
    expect(found.map(({ path, expression, error }) => [formatPath(path), expression, error !== undefined])).toEqual([
      ['a', 'params.p', false],
      ['a', 'logicalDate', false],
      ['b[0].c', '{{ steps.s.jobInstanceId', true],
    ]);
  });
});

describe('formatPath', () => {
  it('writes identifiers with dots, indexes and other keys in brackets', () => {
    expect(formatPath(['steps', 1, 'executionData', 'spark.conf', 'x'])).toBe('steps[1].executionData["spark.conf"].x');
    expect(formatPath([])).toBe('');
  });
});
