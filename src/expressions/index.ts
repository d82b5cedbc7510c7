/** The `when:` expression language (see parse.ts for the grammar). Pure, sandbox-safe. */
export { parseExpression, expressionReferences, ExpressionSyntaxError, type Expr, type CompareOp } from './parse.js';
export { evaluateExpression, evaluateCondition, readPath, isTruthy } from './evaluate.js';
