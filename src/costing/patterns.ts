/**
 * Patterns of the ledger translation table (contract C) and of code lists in the config.
 * A translation-table cell becomes a (kind, a, b) triple evaluated in SQL by `cost_match`
 * (sql/costing/match.sql), so matching a million ledger lines never runs row by row in JS.
 */

export type PatternKind = 'any' | 'exact' | 'like' | 'numrange' | 'strrange';

export interface CodePattern {
  kind: PatternKind;
  a: string;
  b: string;
}

/**
 * Parse one cell: empty or `*` = any; `5100-5199` = inclusive range (numeric when both ends are
 * digits); `51*` / `5?10` = wildcards; `=A-1` = exactly "A-1" (the `=` turns off range parsing).
 */
export function parseCodePattern(cell: string): CodePattern {
  const s = cell.trim();
  if (s === '' || s === '*') return { kind: 'any', a: '', b: '' };
  if (s.startsWith('=')) return { kind: 'exact', a: s.slice(1), b: '' };
  if (/[*?]/.test(s)) {
    const like = s
      .replace(/[\\%_]/g, (c) => `\\${c}`)
      .replace(/\*/g, '%')
      .replace(/\?/g, '_');
    return { kind: 'like', a: like, b: '' };
  }
  const range = /^([^-]+)-([^-]+)$/.exec(s);
  if (range) {
    const [lo, hi] = [range[1]!.trim(), range[2]!.trim()];
    const numeric = /^\d+$/.test(lo) && /^\d+$/.test(hi);
    return { kind: numeric ? 'numrange' : 'strrange', a: lo, b: hi };
  }
  return { kind: 'exact', a: s, b: '' };
}

/** Whether a JS value matches a parsed pattern — the same rule as the SQL macro, for tests and small lists. */
export function matchesPattern(value: string | null, p: CodePattern): boolean {
  const v = value ?? '';
  switch (p.kind) {
    case 'any':
      return true;
    case 'exact':
      return v === p.a;
    case 'like': {
      const re = p.a.replace(/\\([\\%_])|([%_])|([^\\%_])/g, (_, esc: string, wild: string, lit: string) =>
        esc ? escapeRe(esc) : wild === '%' ? '.*' : wild === '_' ? '.' : escapeRe(lit),
      );
      return new RegExp(`^${re}$`, 's').test(v);
    }
    case 'numrange':
      return /^\d+$/.test(v) && BigInt(v) >= BigInt(p.a) && BigInt(v) <= BigInt(p.b);
    case 'strrange':
      return v >= p.a && v <= p.b;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A config code list entry: an exact catalogue code or a prefix ending in `*` (e.g. `SOL-HT*`). */
export function matchesCode(code: string, entry: string): boolean {
  return entry.endsWith('*') ? code.startsWith(entry.slice(0, -1)) : code === entry;
}

export const PROVIDERS = ['own', 'external'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Split `CODE@external` into code and provider; no suffix = undefined provider (any/own by context). */
export function splitProvider(target: string): { code: string; provider: Provider | undefined } | undefined {
  const at = target.lastIndexOf('@');
  if (at < 0) return { code: target, provider: undefined };
  const p = target.slice(at + 1);
  if (!(PROVIDERS as readonly string[]).includes(p)) return undefined;
  return { code: target.slice(0, at), provider: p as Provider };
}
