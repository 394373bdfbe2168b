import type { Cell, ColumnKind, DataRow } from './api.js';
import { formatDate, formatMoney, formatNumber, formatShare, t, valueLabel } from './i18n.js';

/** A cell as the reader sees it; a hidden persons count reads "< threshold", any other hidden cell "x". */
export function formatCell(row: DataRow, column: string, kind: ColumnKind, threshold: number): string {
  if (row._hidden?.includes(column)) return hiddenMark(row, threshold, kind);
  // readmission_rate keeps each level's group in "grp": on the municipality level that is a municipality code
  const as = column === 'grp' && row.level === 'municipality' ? 'municipality' : column;
  return formatValue(row[column] ?? null, kind, as);
}

export function formatValue(v: Cell, kind: ColumnKind, column = ''): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'boolean') return v ? '✓' : '–';
  switch (kind) {
    case 'money':
      return formatMoney(Number(v), column.startsWith('unit_cost') ? 2 : 0);
    case 'share':
      return formatShare(Number(v));
    case 'count':
      return formatNumber(Number(v));
    case 'number': {
      const n = Number(v);
      return formatNumber(n, Number.isInteger(n) ? 0 : Math.abs(n) < 10 ? 2 : 1);
    }
    case 'date':
      return formatDate(String(v));
    default:
      return valueLabel(String(v), column);
  }
}

export function isMeasure(kind: ColumnKind): boolean {
  return kind === 'money' || kind === 'count' || kind === 'share' || kind === 'number';
}

/** A hidden cell: "< 5" in the persons count of a row with too few persons, else "x" (never "< 5 kr."). */
export function hiddenMark(row: DataRow, threshold: number, kind?: ColumnKind): string {
  return row._reason === 'small' && kind === 'count' ? `< ${threshold}` : 'x';
}

/** Why a cell is hidden, in words: beside its mark for a screen reader and as its tooltip. */
export function hiddenWhy(row: DataRow, threshold: number): string {
  return row._reason === 'small' ? t('hiddenSmall', { n: threshold }) : t('hiddenSecondary');
}
