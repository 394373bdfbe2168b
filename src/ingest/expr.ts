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

/**
 * The row filter language of a source's `where:` (docs/ingest.md): comparisons of a column with a text
 * ('…') or a number, `in (…)`, `is empty`, joined by and / or / not and parentheses, e.g.
 * `Afdeling = 'Hjemmepleje' and not Ydelse in ('MAD', 'TØJ')`. Compiled to SQL; anything else is refused.
 */
export interface ConditionResolver {
  /** the trimmed text of a column, NULL when empty */
  text(name: string): string;
  /** the number of a column, NULL when empty or not a number */
  number(name: string): string;
}

type CToken = { kind: 'num' | 'col' | 'str' | 'op' | 'word'; text: string };

const WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty']);

function tokenizeCondition(expr: string): CToken[] {
  const tokens: CToken[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    const two = expr.slice(i, i + 2);
    if (/\s/.test(c)) {
      i++;
    } else if (['<=', '>=', '<>', '!='].includes(two)) {
      tokens.push({ kind: 'op', text: two === '!=' ? '<>' : two });
      i += 2;
    } else if ('=<>(),'.includes(c)) {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else if (c === "'") {
      // a text literal; '' inside it is one quote
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= expr.length) throw new Error("unclosed ' in the condition");
        if (expr[j] === "'") {
          if (expr[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += expr[j++];
      }
      tokens.push({ kind: 'str', text });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(expr[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(expr.slice(i))!;
      tokens.push({ kind: 'num', text: m[0] });
      i += m[0].length;
    } else if (c === '"' || c === '[') {
      const close = c === '"' ? '"' : ']';
      const end = expr.indexOf(close, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in the condition`);
      tokens.push({ kind: 'col', text: expr.slice(i + 1, end) });
      i = end + 1;
    } else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(expr.slice(i))!;
      const w = m[0].toLowerCase();
      tokens.push(WORDS.has(w) ? { kind: 'word', text: w } : { kind: 'col', text: m[0] });
      i += m[0].length;
    } else {
      throw new Error(
        `unexpected character "${c}" (use column = 'text', column > 5, column in ('a', 'b'), column is empty, and, or, not, parentheses)`,
      );
    }
  }
  return tokens;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A token as an error shows it: literals are never echoed (a value in a filter may be an id). */
const shown = (t: CToken) => (t.kind === 'str' ? 'a text' : t.kind === 'num' ? 'a number' : `"${t.text}"`);

/** Compile a `where:` condition to a SQL predicate that is never NULL. */
export function compileCondition(expr: string, resolve: ConditionResolver): string {
  const tokens = tokenizeCondition(expr);
  if (!tokens.length) throw new Error('the condition is empty');
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isWord = (w: string) => peek()?.kind === 'word' && peek()!.text === w;

  const literal = (): CToken => {
    const t = next();
    if (!t || (t.kind !== 'str' && t.kind !== 'num'))
      throw new Error(`expected a text in '…' or a number${t ? `, not ${shown(t)}` : ''}`);
    return t;
  };
  const comparison = (): string => {
    const col = next();
    if (!col || col.kind !== 'col')
      throw new Error(`expected a column name${col ? `, not ${shown(col)}` : ''}`);
    if (isWord('is')) {
      next();
      const negate = isWord('not') ? (next(), true) : false;
      if (!isWord('empty')) throw new Error('expected "is empty" or "is not empty"');
      next();
      return `(${resolve.text(col.text)} IS ${negate ? 'NOT ' : ''}NULL)`;
    }
    const negate = isWord('not') ? (next(), true) : false;
    if (isWord('in')) {
      next();
      if (next()?.text !== '(') throw new Error('expected "(" after in');
      const values = [literal()];
      while (peek()?.text === ',') {
        next();
        values.push(literal());
      }
      if (next()?.text !== ')') throw new Error('missing ")" after the list of in');
      const numeric = values.every((v) => v.kind === 'num');
      if (!numeric && values.some((v) => v.kind === 'num'))
        throw new Error('an in list holds either texts or numbers');
      const left = numeric ? resolve.number(col.text) : resolve.text(col.text);
      const list = values.map((v) => (numeric ? `${v.text}::DOUBLE` : sqlText(v.text))).join(', ');
      // an empty cell is not in any list, so it passes "not in"
      return negate ? `coalesce(${left} NOT IN (${list}), true)` : `coalesce(${left} IN (${list}), false)`;
    }
    if (negate) throw new Error('expected "in" after not');
    const op = next();
    if (!op || op.kind !== 'op' || !['=', '<>', '<', '<=', '>', '>='].includes(op.text))
      throw new Error(`expected = <> < <= > >= after the column${op ? `, not ${shown(op)}` : ''}`);
    const v = literal();
    const left = v.kind === 'num' ? resolve.number(col.text) : resolve.text(col.text);
    const right = v.kind === 'num' ? `${v.text}::DOUBLE` : sqlText(v.text);
    // an empty cell differs from every value, and compares false otherwise
    return `coalesce(${left} ${op.text} ${right}, ${op.text === '<>'})`;
  };
  const primary = (): string => {
    if (isWord('not')) {
      next();
      return `(NOT ${primary()})`;
    }
    if (peek()?.text === '(' && peek()?.kind === 'op') {
      next();
      const inner = or();
      if (next()?.text !== ')') throw new Error('missing ")"');
      return `(${inner})`;
    }
    return comparison();
  };
  const and = (): string => {
    let left = primary();
    while (isWord('and')) {
      next();
      left = `(${left} AND ${primary()})`;
    }
    return left;
  };
  const or = (): string => {
    let left = and();
    while (isWord('or')) {
      next();
      left = `(${left} OR ${and()})`;
    }
    return left;
  };
  const sql = or();
  if (pos < tokens.length) throw new Error(`the condition goes on after its end: ${shown(tokens[pos]!)}`);
  return sql;
}

/** The column names a condition refers to. */
export function conditionColumns(expr: string): string[] {
  return tokenizeCondition(expr)
    .filter((t) => t.kind === 'col')
    .map((t) => t.text);
}

/** Why a condition cannot be compiled, or undefined when it can (config validation). */
export function conditionError(expr: string): string | undefined {
  try {
    compileCondition(expr, { text: () => 'NULL', number: () => 'NULL' });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
