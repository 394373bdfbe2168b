/**
 * Kolada (RKA's open database of Swedish municipal key figures): the workspace's KPB key figures written
 * in the JSON Kolada's API (v2, v3) returns for /data/kpi/…/municipality/…, and a file of published values
 * the user downloaded from Kolada read back, so a municipality sees its own figures beside the published
 * ones and the difference (docs/kolada.md). Only figures that passed the publish path are written; a
 * hidden figure is written with `value: null`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userError } from '../core/messages.js';
import { divideToDecimal, scaleDecimal } from '../costing/money.js';
import type { BundleTable } from './bundle.js';

/** A Kolada indicator id: a letter and five digits (U21003, N00945). */
export const KOLADA_ID = /^[A-Z]\d{5}$/;

/** One gender's value of a Kolada data point: T total, K women, M men. */
export interface KoladaValue {
  gender: string;
  count: number;
  status: string;
  value: number | null;
}

/** One data point: an indicator for a municipality and a year. */
export interface KoladaDataPoint {
  kpi: string;
  municipality: string;
  period: number;
  values: KoladaValue[];
}

/** The API's answer: the data points, their count and (when paged) the next page. */
export interface KoladaDocument {
  count: number;
  values: KoladaDataPoint[];
  next_page?: string;
}

/** A workspace period: its last day (as before), or its first and last day. */
export type PeriodSpan = string | { from: string; to: string };

/**
 * The year Kolada files a period under, or null when the period is not one calendar year. Kolada's
 * figures are annual: a half-year's U21003 beside the year's would be a false difference, and two
 * halves of one year would be one figure. Given the span, only a period from 1 January to 31
 * December counts; given only the last day, the period id when it is a year, else the year of its
 * last day.
 */
export function koladaYear(period: string, span?: PeriodSpan): number | null {
  if (span !== undefined && typeof span !== 'string') {
    const y = span.from.slice(0, 4);
    return /^\d{4}$/.test(y) && span.from.slice(4) === '-01-01' && span.to === `${y}-12-31`
      ? Number(y)
      : null;
  }
  if (/^\d{4}$/.test(period)) return Number(period);
  const y = span?.slice(0, 4);
  return y && /^\d{4}$/.test(y) ? Number(y) : null;
}

/** A workspace figure with a Kolada id: the value as published (kr, 2 decimals) or why it is hidden. */
export interface OwnFigure {
  kpi: string;
  municipality: string;
  period: number;
  value: string | null;
  suppressed: string | null;
}

/** The bundle's key figures that have a Kolada id, filed under Kolada's year (a period that is not a calendar year is left out). */
export function ownFigures(keyFigures: BundleTable, periodEnds: Map<string, PeriodSpan>): OwnFigure[] {
  const out: OwnFigure[] = [];
  for (const r of keyFigures.rows) {
    const kpi = String(r.key_figure);
    if (!KOLADA_ID.test(kpi)) continue;
    const year = koladaYear(String(r.period), periodEnds.get(String(r.period)));
    if (year === null) continue;
    out.push({
      kpi,
      municipality: String(r.municipality),
      period: year,
      value: r.value === null || r.value === undefined ? null : String(r.value),
      suppressed: r.suppressed === null || r.suppressed === undefined ? null : String(r.suppressed),
    });
  }
  return out.sort(
    (a, b) =>
      a.kpi.localeCompare(b.kpi) || a.municipality.localeCompare(b.municipality) || a.period - b.period,
  );
}

/**
 * The workspace's figures as Kolada's JSON: one data point per figure, municipality and year, gender T
 * (the figures are not split by gender), count 1 as Kolada writes it, a hidden figure with value null.
 */
export function toKolada(figures: OwnFigure[]): KoladaDocument {
  const values: KoladaDataPoint[] = figures.map((f) => ({
    kpi: f.kpi,
    municipality: f.municipality,
    period: f.period,
    values: [{ gender: 'T', count: 1, status: '', value: f.value === null ? null : Number(f.value) }],
  }));
  return { count: values.length, values };
}

/** One published value read from a Kolada file (gender T). */
export interface PublishedValue {
  kpi: string;
  municipality: string;
  period: number;
  value: number | null;
  status: string;
}

/** A Swedish municipality code as Kolada writes it: 4 digits (`0580`; a tool may have made it the number 580). */
const koladaMunicipality = (m: unknown): string => {
  const s = String(m).trim();
  return /^\d{1,3}$/.test(s) ? s.padStart(4, '0') : s;
};

/** A published value: a number, or text with a decimal point or comma ("400,5"); null when missing. */
function publishedNumber(v: unknown): number | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'string' ? Number(v.trim().replace(',', '.')) : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Read a file saved from Kolada's API: `{ values: [{ kpi, municipality, period, values: [{ gender,
 * count, status, value }] }] }` (v2 and v3 alike; a bare array of data points is taken too, and so is a
 * data point whose `values` carry the `period` each). Only the total (gender T) is kept. A file of another
 * shape is a user error naming the file and the fix; so is one page of a paged answer (`next_page`, with
 * the rest missing), and a file with no data point for the workspace's municipalities (`municipalities`).
 */
export function readKoladaFile(file: string, municipalities?: readonly string[]): PublishedValue[] {
  if (!existsSync(file)) throw userError('federation.kolada.missing', { file }, { file });
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw userError('federation.kolada.not_json', { file }, { file });
  }
  const points = Array.isArray(doc) ? doc : (doc as { values?: unknown })?.values;
  if (!Array.isArray(points)) throw userError('federation.kolada.shape', { file, where: 'values' }, { file });
  // a paged answer holds only the first rows: comparing it would show the rest as "not published"
  const next = Array.isArray(doc) ? undefined : (doc as { next_page?: unknown; next_url?: unknown });
  const nextPage = next?.next_page ?? next?.next_url;
  if (typeof nextPage === 'string' && nextPage !== '')
    throw userError('federation.kolada.paged', { file, next: nextPage.slice(0, 200) }, { file });
  const out: PublishedValue[] = [];
  points.forEach((p: unknown, i) => {
    const d = p as Partial<Record<keyof KoladaDataPoint, unknown>>;
    const where = `values[${i}]`;
    if (
      typeof d?.kpi !== 'string' ||
      d.municipality === undefined ||
      !Array.isArray(d.values) ||
      (d.period === undefined && !d.values.some((v) => (v as { period?: unknown })?.period !== undefined))
    )
      throw userError('federation.kolada.shape', { file, where }, { file });
    // v2 gives the period on the data point; an answer by municipality may give it on each value
    const byPeriod = new Map<number, Partial<KoladaValue>>();
    (d.values as (Partial<KoladaValue> & { period?: unknown })[]).forEach((v, j) => {
      if (v?.gender !== 'T') return;
      const period = Number(v.period ?? d.period);
      if (!Number.isInteger(period))
        throw userError(
          'federation.kolada.shape',
          { file, where: d.period === undefined ? `${where}.values[${j}].period` : `${where}.period` },
          { file },
        );
      byPeriod.set(period, v);
    });
    if (d.period !== undefined && !Number.isInteger(Number(d.period)))
      throw userError('federation.kolada.shape', { file, where: `${where}.period` }, { file });
    for (const [period, total] of byPeriod) {
      const value = publishedNumber(total.value);
      if (value === undefined)
        throw userError('federation.kolada.shape', { file, where: `${where}.values` }, { file });
      out.push({
        kpi: d.kpi,
        municipality: koladaMunicipality(d.municipality),
        period,
        value,
        status: typeof total.status === 'string' ? total.status : '',
      });
    }
  });
  if (municipalities && out.length > 0 && !out.some((v) => municipalities.includes(v.municipality))) {
    const inFile = [...new Set(out.map((v) => v.municipality))].sort();
    throw userError(
      'federation.kolada.no_municipality',
      {
        file,
        found: inFile.slice(0, 10).join(', ') + (inFile.length > 10 ? ', …' : ''),
        mine: municipalities.join(', '),
      },
      { file },
    );
  }
  return out;
}

/** A figure of the workspace beside the published one. */
export interface KoladaComparison {
  kpi: string;
  municipality: string;
  period: number;
  /** kr as the workspace publishes it (2 decimals), null when hidden or not computed */
  own: string | null;
  own_suppressed: string | null;
  published: number | null;
  status: string;
  /** own − published, kr with 2 decimals (exact: both are decimals), null when either is missing */
  difference: string | null;
  /** the difference as a share of the published value (4 decimals), null when it cannot be formed */
  difference_share: string | null;
}

/**
 * Pair the workspace's figures (already through the publish path) with the published ones, for the
 * workspace's own municipalities; a figure only one side has is listed with the other side empty.
 */
export function compareKolada(
  own: OwnFigure[],
  published: PublishedValue[],
  municipalities: string[],
): KoladaComparison[] {
  const key = (kpi: string, m: string, y: number) => `${kpi}\u0000${m}\u0000${y}`;
  const mine = new Map(own.map((d) => [key(d.kpi, d.municipality, d.period), d]));
  const theirs = new Map(
    published
      .filter((p) => municipalities.includes(p.municipality))
      .map((p) => [key(p.kpi, p.municipality, p.period), p]),
  );
  const keys = [...new Set([...mine.keys(), ...theirs.keys()])];
  const rows: KoladaComparison[] = keys.map((k) => {
    const m = mine.get(k);
    const p = theirs.get(k);
    const [kpi, municipality, year] = k.split('\u0000') as [string, string, string];
    const ownText = m?.value ?? null;
    const pub = p?.value ?? null;
    const diff = ownText !== null && pub !== null ? subtract(ownText, pub) : null;
    return {
      kpi,
      municipality,
      period: Number(year),
      own: ownText,
      own_suppressed: m?.suppressed ?? null,
      published: pub,
      status: p?.status ?? '',
      difference: diff,
      // both in hundredths: (own − published) / published
      difference_share:
        diff !== null && pub !== null && pub !== 0
          ? divideToDecimal(scaleDecimal(diff, 2), scaleDecimal(decimal(pub), 2), 4)
          : null,
    };
  });
  return rows.sort(
    (a, b) =>
      a.kpi.localeCompare(b.kpi) || a.municipality.localeCompare(b.municipality) || a.period - b.period,
  );
}

/** A published number as an exact decimal text (Kolada writes at most a few decimals). */
function decimal(v: number): string {
  const s = String(v);
  return /e/i.test(s) ? v.toFixed(6) : s;
}

/** a − b for two decimal texts, in hundredths (øre/öre), as text with 2 decimals. */
function subtract(a: string, b: number): string {
  const d = scaleDecimal(a, 2) - scaleDecimal(decimal(b), 2);
  const neg = d < 0n;
  const abs = neg ? -d : d;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
