/**
 * The small arithmetic language of `expr:` in a column mapping: column names, numbers, + - * / and
 * parentheses (e.g. `Timer * 4`, `"Beløb i alt" / 100`). Compiled to SQL; anything else is refused, so no
 * SQL can be smuggled in through the config.
 */
export type ColumnResolver = (name: string) => string;

type Token = { kind: 'num' | 'col' | 'op'; text: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ('+-*/()'.includes(c)) {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(expr.slice(i))!;
      tokens.push({ kind: 'num', text: m[0] });
      i += m[0].length;
    } else if (c === '"' || c === '[') {
      const close = c === '"' ? '"' : ']';
      const end = expr.indexOf(close, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in expression`);
      tokens.push({ kind: 'col', text: expr.slice(i + 1, end) });
      i = end + 1;
    } else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(expr.slice(i))!;
      tokens.push({ kind: 'col', text: m[0] });
      i += m[0].length;
    } else {
      throw new Error(`unexpected character "${c}" (use column names, numbers, + - * / and parentheses)`);
    }
  }
  return tokens;
}

/** Compile an expression to SQL; `resolve` turns a column name into a numeric SQL expression. */
export function compileExpr(expr: string, resolve: ColumnResolver): string {
  const tokens = tokenize(expr);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  const primary = (): string => {
    const t = next();
    if (!t) throw new Error('the expression ends too early');
    if (t.kind === 'num') return `${t.text}::DOUBLE`;
    if (t.kind === 'col') return resolve(t.text);
    if (t.text === '(') {
      const inner = sum();
      if (next()?.text !== ')') throw new Error('missing ")"');
      return `(${inner})`;
    }
    if (t.text === '-') return `(-${primary()})`;
    throw new Error(`unexpected "${t.text}"`);
  };
  const product = (): string => {
    let left = primary();
    while (peek()?.text === '*' || peek()?.text === '/') {
      const op = next()!.text;
      const right = primary();
      // Division by zero gives NULL (a conformance finding) instead of an error.
      left = op === '/' ? `(${left} / NULLIF(${right}, 0))` : `(${left} * ${right})`;
    }
    return left;
  };
  const sum = (): string => {
    let left = product();
    while (peek()?.text === '+' || peek()?.text === '-') {
      const op = next()!.text;
      left = `(${left} ${op} ${product()})`;
    }
    return left;
  };
  const sql = sum();
  if (pos < tokens.length) throw new Error(`unexpected "${tokens[pos]!.text}"`);
  return sql;
}

/** The column names an expression refers to. */
export function exprColumns(expr: string): string[] {
  return tokenize(expr)
    .filter((t) => t.kind === 'col')
    .map((t) => t.text);
}
