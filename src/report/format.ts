/** Turning published (already suppressed) cells into text for a reader: kr, per cent, "< 5". */
import type { Value } from '../engine/engine.js';
import { formatMoney, formatNumber, type Lang } from '../i18n.js';
import { hiddenText, type PublishedRow, type PublishedTable } from '../publish/index.js';
import type { MartColumnKind as ColumnKind } from '../publish/index.js';

/** A published number as a JS number for drawing (display only; sums are never made from these). */
export function num(v: Value | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** Minor units (bigint or exact decimal string) to major units as a number, for charts and Excel. */
export function kr(v: Value | undefined): number | null {
  const n = num(v);
  return n === null ? null : n / 100;
}

/**
 * Whether a column holds minor units (øre/öre) to show in kr: money kinds, or a decimal named `*_minor`
 * (a unit cost). A volume or other quantity is never divided by 100.
 */
export function inMinorUnits(column: { name: string; kind: ColumnKind }): boolean {
  if (column.kind === 'money' || column.kind === 'mean' || column.kind === 'bound') return true;
  return column.kind === 'decimal' && column.name.endsWith('_minor');
}

export function formatCell(kind: ColumnKind, v: Value | undefined, lang: Lang, name = ''): string {
  if (v === null || v === undefined) return '';
  switch (kind) {
    case 'money':
    case 'bound':
    case 'mean':
      return typeof v === 'bigint' ? formatMoney(v, lang, 0) : formatNumber(kr(v) ?? 0, lang, 0);
    case 'decimal':
      return formatNumber((inMinorUnits({ name, kind }) ? kr(v) : num(v)) ?? 0, lang, 2);
    case 'share':
      return `${formatNumber((num(v) ?? 0) * 100, lang, 1)} %`;
    case 'persons':
    case 'count':
      return formatNumber(num(v) ?? 0, lang, 0);
    case 'number': {
      const n = num(v) ?? 0;
      return formatNumber(n, lang, Number.isInteger(n) ? 0 : 2);
    }
    default:
      return String(v);
  }
}

/** A cell's text, or the hidden marker when its row is suppressed. */
export function cellText(table: PublishedTable, row: PublishedRow, column: string, lang: Lang): string {
  const def = table.columns.find((c) => c.name === column);
  if (!def) throw new Error(`No column ${column} in ${table.id}`);
  if (row.hidden && def.kind !== 'key' && def.kind !== 'bound')
    return hiddenText(row.hidden, table.threshold, def.kind);
  return formatCell(def.kind, row.cells[column], lang, def.name);
}

/** Millions with one decimal: "1.229,7 mio. kr." / "1 229,7 mnkr" / "DKK 1,229.7m". */
export function formatMillions(minor: Value | undefined, lang: Lang, currency: string): string {
  const n = kr(minor);
  if (n === null) return '';
  const m = formatNumber(n / 1e6, lang, 1);
  if (lang === 'da') return `${m} mio. kr.`;
  if (lang === 'sv') return `${m} mnkr`;
  return `${currency} ${m}m`;
}

export function pct(v: Value | undefined, lang: Lang, decimals = 0): string {
  const n = num(v);
  return n === null ? '' : `${formatNumber(n * 100, lang, decimals)} %`;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
