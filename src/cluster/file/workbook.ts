/**
 * A cluster workbook (one sheet per table, Danish sheet and column names accepted) as the same document
 * a YAML file gives; each entry remembers its sheet and row for the messages.
 */
import ExcelJS from 'exceljs';
import { didYouMean } from '../../core/did-you-mean.js';
import { parseAmount } from '../amount.js';
import { fileError, type Origins } from './errors.js';

/**
 * The workbook's sheets and columns, with the Danish names a secretariat's own sheets may use.
 * Sheet → [table, { column: key }]; a column not listed is refused with the known ones named.
 */
const SHEETS: Record<string, string[]> = {
  organisations: ['organisationer'],
  takeovers: ['overtagelser'],
  funds: ['puljer', 'fonde'],
  grants: ['bevillinger', 'midler'],
  projects: ['projekter'],
  budget: ['budget', 'budgetlinjer'],
  split: ['fordeling', 'skævdeling', 'skaevdeling'],
  decisions: ['beslutninger'],
  expected_spend: ['forventet_forbrug', 'forventet forbrug'],
  costs: ['udgifter', 'regnskab'],
  on_account: ['aconto', 'a-conto'],
  forecasts: ['prognoser'],
  forecast_targets: ['prognose_mål', 'prognose_maal', 'prognose_borgere'],
  forecast_ramp: ['prognose_rampe'],
  forecast_actual: ['prognose_faktisk', 'prognose_inkluderet'],
  indicators: ['indikatorer'],
  indicator_values: ['indikator_værdier', 'indikator_vaerdier', 'indikatorværdier'],
};
const COLUMNS: Record<string, string> = {
  navn: 'name',
  gyldig_fra: 'valid_from',
  gyldig_til: 'valid_to',
  efterfølges_af: 'succeeded_by',
  efterfoelges_af: 'succeeded_by',
  fusioneret_ind_i: 'merged_into',
  medlemmer: 'members',
  dato: 'date',
  type: 'kind',
  formand: 'chair',
  tillader: 'allows',
  overføres: 'carry_over',
  overfoeres: 'carry_over',
  pulje: 'fund',
  fond: 'fund',
  år: 'year',
  aar: 'year',
  medlem: 'member',
  beløb: 'kroner',
  beloeb: 'kroner',
  kr: 'kroner',
  titel: 'title',
  ejer: 'owner',
  økonomiansvarlig: 'owner',
  projektleder: 'leader',
  deltagere: 'participants',
  beskrivelse: 'description',
  fokus: 'focus',
  fokusområde: 'focus',
  tværsektoriel: 'cross_sector',
  tvaersektoriel: 'cross_sector',
  slut: 'ends',
  starter: 'starts',
  projekt: 'project',
  kategori: 'category',
  procent: 'percent',
  møde: 'meeting',
  moede: 'meeting',
  udfald: 'outcome',
  ramme_kr: 'frame_kroner',
  organisation: 'org',
  indberettet: 'reported',
  fra: 'from',
  til: 'to',
  måned: 'month',
  maaned: 'month',
  måneder: 'months',
  maaneder: 'months',
  prognose: 'forecast',
  borgere: 'citizens',
  inkluderet: 'included',
  region_org: 'region',
  udstyr_pr_borger: 'equipment_per_citizen',
  monitorering_pr_borger_måned: 'monitoring_per_citizen_month',
  udstyr_region: 'equipment_split_region',
  udstyr_kommuner: 'equipment_split_municipalities',
  monitorering_region: 'monitoring_split_region',
  monitorering_kommuner: 'monitoring_split_municipalities',
  kommunekode: 'municipality',
  kommune: 'municipality',
  kilde: 'source',
  lager_indikator: 'warehouse_indicator',
  lager_klynge: 'warehouse_cluster',
  bedre: 'better',
  basisperiode: 'baseline_period',
  mål_ændring_procent: 'target_change_percent',
  maal_aendring_procent: 'target_change_percent',
  målværdi: 'target_value',
  maalvaerdi: 'target_value',
  opfølgning: 'follow_up',
  opfoelgning: 'follow_up',
  indikator: 'indicator',
  periode: 'period',
  værdi: 'value',
  vaerdi: 'value',
};

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if ('result' in o) return cellValue(o.result as ExcelJS.CellValue);
    if ('richText' in o) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return o.text;
    return undefined;
  }
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  return v;
}

const bool = (v: unknown) =>
  typeof v === 'string'
    ? /^(ja|yes|true|sand|1|x)$/i.test(v)
      ? true
      : /^(nej|no|false|falsk|0)$/i.test(v)
        ? false
        : v
    : v;

/** "Total", "I alt", "Summa" …: a row that adds up the rows above it, not an entry. */
const TOTAL = /^(i ?alt|total[t]?|sum|summa|sum i alt|totalsum|grand total)\s*:?$/i;
/** The tables whose rows carry `year` and `kroner`: a sheet may give the years as columns (2024, 2025, …). */
const YEAR_AMOUNT = new Set(['grants', 'budget', 'expected_spend', 'costs', 'on_account']);

/** Columns holding an id or a reference to one: a whole number typed there is text. */
const ID_COLUMNS = new Set([
  'id',
  'fund',
  'owner',
  'project',
  'org',
  'member',
  'from',
  'to',
  'region',
  'indicator',
  'forecast',
  'succeeded_by',
  'merged_into',
]);

/** "A", "B" … "AA": the letter Excel shows above a column. */
const columnLetter = (n: number): string =>
  (n > 26 ? columnLetter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

interface SheetRow {
  sheet: string;
  row: number;
  r: Record<string, unknown>;
}

/**
 * The rows of one sheet as entries. The header is the first row with two or more filled cells (a title
 * above it is skipped); a value under no header, and a total row that does not add up, are errors;
 * a total row that adds up is skipped; in a table with `year` and `kroner`, a header that is a year
 * makes one entry per filled year cell (a budget laid out with a column per year).
 */
function sheetRows(file: string, table: string, ws: ExcelJS.Worksheet): SheetRow[] {
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (headerRow) return;
    let filled = 0;
    row.eachCell((c) => {
      if (cellValue(c.value) !== undefined) filled++;
    });
    if (filled >= 2) headerRow = n;
  });
  if (!headerRow) return [];
  const header: (string | undefined)[] = [];
  const yearColumn: (number | undefined)[] = [];
  ws.getRow(headerRow).eachCell((c, col) => {
    const raw = cellValue(c.value);
    const h = String(raw ?? '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '_');
    if (YEAR_AMOUNT.has(table) && /^(20\d\d|2100)$/.test(h)) yearColumn[col] = Number(h);
    else header[col] = h === '' ? undefined : (COLUMNS[h] ?? h);
  });
  const hasYearColumns = yearColumn.some((y) => y !== undefined);
  const rows: SheetRow[] = [];
  let sinceTotal = 0n;
  let sinceStart = 0n;
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const r: Record<string, unknown> = {};
    const years: [number, unknown, number][] = [];
    let first: unknown;
    row.eachCell((c, col) => {
      const v = cellValue(c.value);
      if (v === undefined) return;
      first ??= v;
      if (yearColumn[col] !== undefined) return void years.push([yearColumn[col], v, col]);
      const h = header[col];
      if (!h)
        throw fileError(
          'cell_no_header',
          file,
          `${ws.name}!${columnLetter(col)}${n}`,
          {
            sheet: ws.name,
            cell: `${columnLetter(col)}${n}`,
          },
          { row: n, column: ws.name },
        );
      // an id typed as a number (730, 2) is the id "730": Excel stores it as a number
      r[h] = typeof v === 'number' && ID_COLUMNS.has(h) && Number.isInteger(v) ? String(v) : v;
    });
    if (first === undefined) return;
    if (typeof first === 'string' && TOTAL.test(first.trim())) {
      // a total row is checked against the rows since the last total, or since the sheet's start
      const amounts = hasYearColumns ? years.map(([, v]) => v) : [r.kroner];
      const stated = amounts.reduce<bigint | undefined>((s, v) => {
        const a = v === undefined ? 0n : parseAmount(v);
        return s === undefined || a === undefined ? undefined : s + a;
      }, 0n);
      if (
        stated !== undefined &&
        amounts.some((v) => v !== undefined) &&
        stated !== sinceTotal &&
        stated !== sinceStart
      )
        throw fileError(
          'total_mismatch',
          file,
          `${ws.name}, ${n}`,
          {
            sheet: ws.name,
            row: n,
            stated: kr(stated),
            sum: kr(sinceTotal),
          },
          { row: n, column: ws.name },
        );
      sinceTotal = 0n;
      return;
    }
    const add = (v: unknown) => {
      const a = parseAmount(v);
      if (a !== undefined) {
        sinceTotal += a;
        sinceStart += a;
      }
    };
    if (hasYearColumns) {
      if ('year' in r || 'kroner' in r)
        throw fileError(
          'year_columns_and_year',
          file,
          `${ws.name}, ${n}`,
          { sheet: ws.name, row: n },
          { row: n, column: ws.name },
        );
      for (const [year, v] of years) {
        add(v);
        rows.push({ sheet: ws.name, row: n, r: { ...r, year, kroner: v } });
      }
      return;
    }
    add(r.kroner);
    if (Object.keys(r).length > 0) rows.push({ sheet: ws.name, row: n, r });
  });
  return rows;
}

/** An amount for a message: 1.234.567,50 in the file's own terms. */
const kr = (ore: bigint) => {
  const neg = ore < 0n;
  const a = neg ? -ore : ore;
  return `${neg ? '-' : ''}${(a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(a % 100n).padStart(2, '0')}`;
};

/** The workbook as the same document a YAML file gives; each entry remembers its sheet and row. */
export async function workbookToDoc(file: string, bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw fileError('xlsx', file, '(file)', { problem: (e as Error).message.slice(0, 200) });
  }
  const tables = new Map<string, SheetRow[]>();
  const aliases = new Map<string, string>();
  for (const [t, names] of Object.entries(SHEETS))
    for (const n of [t, ...names]) aliases.set(n.toLowerCase(), t);
  for (const ws of wb.worksheets) {
    const table = aliases.get(ws.name.trim().toLowerCase());
    if (!table) {
      const s = didYouMean(ws.name.trim(), [...aliases.keys()]);
      throw fileError(s ? 'unknown_sheet_suggest' : 'unknown_sheet', file, ws.name.slice(0, 60), {
        suggestion: s ?? '',
        sheets: Object.keys(SHEETS).join(', '),
      });
    }
    tables.set(table, [...(tables.get(table) ?? []), ...sheetRows(file, table, ws)]);
  }
  const origins: Origins = new Map();
  const doc: Record<string, unknown[]> = {};
  const put = (t: string, e: Record<string, unknown>, o: { sheet: string; row: number }) => {
    const list = (doc[t] ??= []);
    origins.set(`${t}.${list.length}`, o);
    list.push(e);
    return list.length - 1;
  };
  const rowsOf = (t: string) => tables.get(t) ?? [];
  const where = (o: { sheet: string; row: number }) => ({ row: o.row, column: o.sheet });
  const at = (o: SheetRow) => ({ sheet: o.sheet, row: o.row });
  /** rows keyed by `key` (a split's member, a forecast's municipality): the same key twice is an error, not the last one winning */
  const unique = (rows: SheetRow[], key: string) => {
    const seen = new Map<string, SheetRow>();
    for (const row of rows) {
      const k = String(row.r[key]);
      const before = seen.get(k);
      if (before)
        throw fileError(
          'row_twice',
          file,
          `${row.sheet}, ${row.row}`,
          { sheet: row.sheet, row: row.row, first: before.row, key, value: k.slice(0, 60) },
          where(row),
        );
      seen.set(k, row);
    }
    return rows;
  };
  for (const { r, ...o } of rowsOf('organisations'))
    put(
      'organisations',
      {
        ...r,
        chair: bool(r.chair),
        ...(typeof r.members === 'string' ? { members: r.members.split(/[,;\s]+/).filter(Boolean) } : {}),
      },
      o,
    );
  for (const { r, ...o } of rowsOf('funds'))
    put(
      'funds',
      {
        ...r,
        allows: typeof r.allows === 'string' ? r.allows.split(/[,;\s]+/).filter(Boolean) : r.allows,
        carry_over: bool(r.carry_over),
      },
      o,
    );
  // grants: one row per member and year, gathered into one entry per fund and year
  const grants = new Map<string, { e: Record<string, unknown>; o: SheetRow; rows: Map<string, SheetRow> }>();
  for (const row of rowsOf('grants')) {
    const { r } = row;
    const { fund, year, member, kroner, ...extra } = r;
    const k = `${String(fund)}\u0000${String(year)}`;
    const g = grants.get(k) ?? { e: { fund, year, amounts: {} }, o: row, rows: new Map<string, SheetRow>() };
    if (member === undefined)
      throw fileError(
        'grant_member',
        file,
        `${row.sheet}, ${row.row}`,
        { sheet: row.sheet, row: row.row },
        where(row),
      );
    const m = String(member);
    const before = g.rows.get(m);
    if (before)
      throw fileError(
        'grant_twice',
        file,
        `${row.sheet}, ${row.row}`,
        {
          sheet: row.sheet,
          row: row.row,
          first: before.row,
          member: m.slice(0, 60),
          fund: String(fund).slice(0, 60),
          year: String(year).slice(0, 10),
        },
        where(row),
      );
    g.rows.set(m, row);
    (g.e.amounts as Record<string, unknown>)[m] = kroner;
    // a column the grants do not have is kept, so the schema names it ("did you mean")
    Object.assign(g.e, extra);
    grants.set(k, g);
  }
  for (const g of grants.values()) {
    const i = put('grants', g.e, g.o);
    for (const [m, row] of g.rows) origins.set(`grants.${i}.amounts.${m}`, at(row));
  }
  /** rows of a child sheet (budget, split, forecast_*) by their parent's id; a row whose parent is not in the file is an error */
  const childrenOf = (t: string, parentKey: string, parent: string, ids: string[]) => {
    const m = new Map<string, SheetRow[]>();
    for (const row of rowsOf(t)) {
      const id = String(row.r[parentKey]);
      if (!ids.includes(id)) {
        const s = didYouMean(id, ids);
        throw fileError(
          s ? 'orphan_row_suggest' : 'orphan_row',
          file,
          `${row.sheet}, ${row.row}`,
          {
            sheet: row.sheet,
            row: row.row,
            field: parentKey,
            value: id.slice(0, 60),
            parent,
            suggestion: s ?? '',
            choices: ids.join(', ') || '-',
          },
          where(row),
        );
      }
      const { [parentKey]: _, ...rest } = row.r;
      m.set(id, [...(m.get(id) ?? []), { ...row, r: rest }]);
    }
    return m;
  };
  const projectIds = rowsOf('projects').map((p) => String(p.r.id));
  const budget = childrenOf('budget', 'project', 'projects', projectIds);
  const split = childrenOf('split', 'project', 'projects', projectIds);
  for (const { r: row, ...o } of rowsOf('projects')) {
    // "start"/"slut" are the Danish headers of starts/ends
    const { start, ...r } = row;
    if (start !== undefined && r.starts === undefined) r.starts = start;
    const id = String(r.id);
    const lines = budget.get(id) ?? [];
    const sp = split.get(id);
    const i = put(
      'projects',
      {
        ...r,
        budget: lines.map((l) => l.r),
        ...(sp ? { split: Object.fromEntries(sp.map((s) => [String(s.r.member), s.r.percent])) } : {}),
      },
      o,
    );
    lines.forEach((l, j) => origins.set(`projects.${i}.budget.${j}`, at(l)));
    for (const l of unique(sp ?? [], 'member'))
      origins.set(`projects.${i}.split.${String(l.r.member)}`, at(l));
  }
  for (const t of [
    'takeovers',
    'decisions',
    'expected_spend',
    'costs',
    'on_account',
    'indicators',
    'indicator_values',
  ])
    for (const { r, ...o } of rowsOf(t)) put(t, r, o);
  const forecastIds = rowsOf('forecasts').map((f) => String(f.r.id));
  const targets = childrenOf('forecast_targets', 'forecast', 'forecasts', forecastIds);
  const ramp = childrenOf('forecast_ramp', 'forecast', 'forecasts', forecastIds);
  const actual = childrenOf('forecast_actual', 'forecast', 'forecasts', forecastIds);
  for (const { r, ...o } of rowsOf('forecasts')) {
    const id = String(r.id);
    const {
      equipment_split_region,
      equipment_split_municipalities,
      monitoring_split_region,
      monitoring_split_municipalities,
      start,
      ...rest
    } = r;
    const i = put(
      'forecasts',
      {
        ...rest,
        start: typeof start === 'string' ? start.slice(0, 7) : start,
        targets: Object.fromEntries((targets.get(id) ?? []).map((t) => [String(t.r.org), t.r.citizens])),
        ramp: (ramp.get(id) ?? []).map((l) => l.r),
        actual: (actual.get(id) ?? []).map(({ r: a }) => ({
          ...a,
          month: typeof a.month === 'string' ? a.month.slice(0, 7) : a.month,
        })),
        equipment_split: { region: equipment_split_region, municipalities: equipment_split_municipalities },
        monitoring_split: {
          region: monitoring_split_region,
          municipalities: monitoring_split_municipalities,
        },
      },
      o,
    );
    for (const t of unique(targets.get(id) ?? [], 'org'))
      origins.set(`forecasts.${i}.targets.${String(t.r.org)}`, at(t));
    (ramp.get(id) ?? []).forEach((l, j) => origins.set(`forecasts.${i}.ramp.${j}`, at(l)));
    (actual.get(id) ?? []).forEach((l, j) => origins.set(`forecasts.${i}.actual.${j}`, at(l)));
  }
  return { doc, origins };
}
