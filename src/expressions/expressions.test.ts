import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateExpression, expressionReferences, parseExpression } from './index.js';

const scope = {
  params: { region: 'emea', days: 7, full: false, tags: ['a', 'b'] },
  logicalDate: '2024-05-01',
  steps: {
    extract: { status: 'Completed', exitValue: '{"rows": 42, "tables": ["sales"], "ok": true}', jobInstanceId: 'j-1' },
    count: { status: 'Completed', exitValue: '17' },
    load: { status: 'Failed', failureReason: { errorCode: 'E1', message: 'boom' } },
    'clean-up': { status: 'Skipped' },
  },
};
const when = (text: string) => evaluateCondition(parseExpression(text), scope);

describe('evaluating conditions', () => {
  it.each([
    ['steps.extract.exitValue.rows > 0', true],
    ['steps.extract.exitValue.rows >= 43', false],
    ["steps.load.status == 'Failed'", true],
    ["steps.load.status != 'Failed'", false],
    ["steps.extract.status == 'Completed' && steps.load.status == 'Completed'", false],
    ["steps.extract.status == 'Completed' and not (steps.load.status == 'Completed')", true],
    ["steps.load.status in ['Failed', 'Cancelled']", true],
    ["steps.extract.status not in ['Failed', 'Cancelled']", true],
    ["'sales' in steps.extract.exitValue.tables", true],
    ['steps.extract.exitValue.tables[0] == "sales"', true],
    ['steps.extract.exitValue.ok', true],
    ['steps.count.exitValue > 10', true],
    ["steps.count.exitValue == '17'", true],
    ['steps.count.exitValue == 17', true],
    ["steps['clean-up'].status == 'Skipped'", true],
    ["steps.clean-up.status == 'Skipped'", true],
    ["params.region == 'emea' || params.days < 1", true],
    ['params.days >= 7 and !params.full', true],
    ["logicalDate >= '2024-01-01' && logicalDate < '2025-01-01'", true],
    ["'b' in params.tags", true],
    ['steps.load.failureReason.errorCode == "E1"', true],
    ['steps.missing.status == null', true],
    ['steps.extract.exitValue.nope.deeper == null', true],
    ['steps.count.exitValue.rows == null', true],
    ["params.region > 3", false],
    ['null < 1', false],
    ['true', true],
    ['[]', false],
    ['0 || ""', false],
  ])('%s → %s', (text, expected) => {
    expect(when(text)).toBe(expected);
  });

  it('evaluates values, not only conditions', () => {
    expect(evaluateExpression(parseExpression('[params.days, "x\\n", 1.5e2]'), scope)).toEqual([7, 'x\n', 150]);
    expect(evaluateExpression(parseExpression('steps.extract.exitValue'), scope)).toBe('{"rows": 42, "tables": ["sales"], "ok": true}');
  });

  it('never reads inherited properties', () => {
    expect(evaluateExpression(parseExpression('params.constructor'), scope)).toBeNull();
    expect(evaluateExpression(parseExpression('params.tags.length'), scope)).toBeNull();
  });
});

describe('parsing', () => {
  it('lists the references of an expression with their columns', () => {
    const refs = expressionReferences(parseExpression("steps.a.status == 'Failed' || params.x in [logicalDate]"));
    expect(refs).toEqual([
      { path: ['steps', 'a', 'status'], at: 0 },
      { path: ['params', 'x'], at: 30 },
      { path: ['logicalDate'], at: 43 },
    ]);
  });

  it.each([
    ['', 'the expression is empty (column 1)'],
    ['steps.a.status ==', 'expected a value, found the end (column 18)'],
    ["steps.a.status = 'x'", 'unexpected character "=" (column 16)'],
    ["'open", 'unterminated string (column 1)'],
    ['(a == 1', 'expected ")", found the end (column 8)'],
    ['a == 1 b', 'expected an operator or the end, found b (column 8)'],
    ['a.', 'expected a field name after ".", found the end (column 3)'],
    ['a[1.5]', 'expected a string or an integer index, found 1.5 (column 3)'],
    ['a == "\\q"', 'unknown escape \\q (column 7)'],
    ['eval("x")', 'expected an operator or the end, found ( (column 5)'],
    ['a + 1', 'unexpected character "+" (column 3)'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(expect.objectContaining({ name: 'ExpressionSyntaxError', message }));
  });
});
