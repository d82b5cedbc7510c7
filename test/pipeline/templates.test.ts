import { describe, expect, it } from 'vitest';
import { findTemplates, formatPath, parseTemplateExpression, renderString, renderTemplates, TemplateError, type TemplateContext } from '../../src/templates.js';

const context: TemplateContext = {
  params: { region: 'emea', days: 7, full: false, missing: null },
  steps: { ingest: { jobInstanceId: '5b3f1e34-3f0f-4c42-8d0f-3f5d2d0c1a11' }, failed: { jobInstanceId: null } },
  logicalDate: '2024-05-01',
};

describe('parseTemplateExpression', () => {
  it.each([
    ['params.region', { kind: 'param', name: 'region' }],
    [' logicalDate ', { kind: 'logicalDate' }],
    ['steps.load-orders.jobInstanceId', { kind: 'step', stepId: 'load-orders', field: 'jobInstanceId' }],
    ['steps.ingest', { kind: 'unknown', expression: 'steps.ingest' }],
    ['params.a.b', { kind: 'unknown', expression: 'params.a.b' }],
    ['env.HOME', { kind: 'unknown', expression: 'env.HOME' }],
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

  it('leaves strings without templates alone', () => {
    expect(renderString('no {templates} here }}', context)).toBe('no {templates} here }}');
  });

  it.each([
    ['{{ params.regoin }}', 'unknown param "regoin"'],
    ['{{ steps.other.jobInstanceId }}', 'step "other" is not available here'],
    ['{{ steps.ingest.status }}', 'unknown step field "status" (known: jobInstanceId)'],
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
