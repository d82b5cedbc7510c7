/**
 * The `when:` expression language of pipeline steps: a tokenizer and a recursive-descent parser
 * into a small AST. No eval, no functions, no arithmetic. Pure (no imports), sandbox-safe.
 *
 * Grammar (docs/pipelines.md, "Conditional steps"):
 *
 *   expression := or
 *   or         := and { ("||" | "or") and }
 *   and        := not { ("&&" | "and") not }
 *   not        := ("!" | "not") not | comparison
 *   comparison := operand [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") operand ]
 *   operand    := literal | reference | list | "(" expression ")"
 *   literal    := number | string | "true" | "false" | "null"
 *   list       := "[" [ expression { "," expression } ] "]"
 *   reference  := name { "." name | "[" (string | integer) "]" }
 *
 * Names are letters, digits, `_` and `-`, not starting with a digit or `-`. Strings are in single or
 * double quotes with `\` escapes (`\'`, `\"`, `\\`, `\n`, `\t`).
 */

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'ref'; path: (string | number)[]; at: number }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'not'; operand: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr };

/** An expression that does not follow the grammar; `column` is 1-based. Matched by `name`. */
export class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} (column ${column})`);
  }
}

type Token =
  | { type: 'num'; value: number; at: number }
  | { type: 'str'; value: string; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'op'; value: string; at: number }
  | { type: 'end'; at: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', ',', '.'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', "'": "'", '"': '"', '\\': '\\' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const at = i;
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ type: 'num', value: Number(num[0]), at });
      i += num[0].length;
    } else if (c === "'" || c === '"') {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          const escaped = ESCAPES[text[i + 1] ?? ''];
          if (escaped === undefined) throw new ExpressionSyntaxError(`unknown escape \\${text[i + 1] ?? ''}`, i + 1);
          value += escaped;
          i += 2;
        } else value += text[i++];
      }
      if (i >= text.length) throw new ExpressionSyntaxError('unterminated string', at + 1);
      i += 1;
      tokens.push({ type: 'str', value, at });
    } else if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i))![0];
      tokens.push({ type: 'name', value: name, at });
      i += name.length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new ExpressionSyntaxError(`unexpected character ${JSON.stringify(c)}`, at + 1);
      tokens.push({ type: 'op', value: op, at });
      i += op.length;
    }
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}

const KEYWORDS: Record<string, string | number | boolean | null> = { true: true, false: false, null: null };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.or();
    const next = this.peek();
    if (next.type !== 'end') this.fail(next, 'an operator or the end');
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private take(): Token {
    return this.tokens[this.pos++]!;
  }

  private isOp(value: string, offset = 0): boolean {
    const t = this.tokens[this.pos + offset];
    return t !== undefined && (t.type === 'op' || t.type === 'name') && t.value === value;
  }

  private fail(token: Token, expected: string): never {
    const found = token.type === 'end' ? 'the end' : token.type === 'str' ? `'${token.value}'` : String(token.value);
    throw new ExpressionSyntaxError(`expected ${expected}, found ${found}`, token.at + 1);
  }

  private expect(op: string): void {
    if (!this.isOp(op)) this.fail(this.peek(), `"${op}"`);
    this.pos += 1;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isOp('||') || this.isOp('or')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isOp('&&') || this.isOp('and')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (this.isOp('!') || (this.isOp('not') && !this.isOp('in', 1))) {
      this.pos += 1;
      return { kind: 'not', operand: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.operand();
    for (const op of ['==', '!=', '<=', '>=', '<', '>', 'in'] as const) {
      if (this.isOp(op)) {
        this.pos += 1;
        return { kind: 'compare', op, left, right: this.operand() };
      }
    }
    if (this.isOp('not') && this.isOp('in', 1)) {
      this.pos += 2;
      return { kind: 'compare', op: 'not in', left, right: this.operand() };
    }
    return left;
  }

  private operand(): Expr {
    const t = this.take();
    if (t.type === 'num' || t.type === 'str') return { kind: 'literal', value: t.value };
    if (t.type === 'op' && t.value === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.type === 'op' && t.value === '[') return this.list();
    if (t.type === 'name') {
      if (t.value in KEYWORDS) return { kind: 'literal', value: KEYWORDS[t.value]! };
      if (t.value === 'and' || t.value === 'or' || t.value === 'not' || t.value === 'in') this.fail(t, 'a value');
      return this.reference(t.value, t.at);
    }
    return this.fail(t, 'a value');
  }

  private list(): Expr {
    const items: Expr[] = [];
    if (!this.isOp(']')) {
      items.push(this.or());
      while (this.isOp(',')) {
        this.pos += 1;
        items.push(this.or());
      }
    }
    this.expect(']');
    return { kind: 'list', items };
  }

  private reference(first: string, at: number): Expr {
    const path: (string | number)[] = [first];
    for (;;) {
      if (this.isOp('.')) {
        this.pos += 1;
        const t = this.take();
        if (t.type !== 'name') this.fail(t, 'a field name after "."');
        path.push(t.value);
      } else if (this.isOp('[')) {
        this.pos += 1;
        const t = this.take();
        if (t.type === 'str' || (t.type === 'num' && Number.isInteger(t.value))) path.push(t.value);
        else this.fail(t, 'a string or an integer index');
        this.expect(']');
      } else return { kind: 'ref', path, at };
    }
  }
}

/** Parses an expression; throws ExpressionSyntaxError (with the column) when it does not follow the grammar. */
export function parseExpression(text: string): Expr {
  if (typeof text !== 'string' || text.trim() === '') throw new ExpressionSyntaxError('the expression is empty', 1);
  return new Parser(tokenize(text)).parse();
}

/** Every reference in an expression, in order (for checking them when a pipeline file loads). */
export function expressionReferences(expr: Expr): { path: (string | number)[]; at: number }[] {
  switch (expr.kind) {
    case 'literal':
      return [];
    case 'ref':
      return [{ path: expr.path, at: expr.at }];
    case 'list':
      return expr.items.flatMap(expressionReferences);
    case 'not':
      return expressionReferences(expr.operand);
    default:
      return [...expressionReferences(expr.left), ...expressionReferences(expr.right)];
  }
}
