/**
 * A cluster workbook (one sheet per table, Danish sheet and column names accepted) as the same document
 * a YAML file gives; each entry remembers its sheet and row for the messages.
 */
import ExcelJS from 'exceljs';
import { didYouMean } from '../../core/did-you-mean.js';
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

/** The workbook as the same document a YAML file gives; each entry remembers its sheet and row. */
export async function workbookToDoc(file: string, bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw fileError('xlsx', file, '(file)', { problem: (e as Error).message.slice(0, 200) });
  }
  const tables = new Map<string, { sheet: string; row: number; r: Record<string, unknown> }[]>();
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
    const header: (string | undefined)[] = [];
    ws.getRow(1).eachCell((c, col) => {
      const h = String(cellValue(c.value) ?? '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, '_');
      header[col] = h === '' ? undefined : (COLUMNS[h] ?? h);
    });
    const rows = tables.get(table) ?? [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const r: Record<string, unknown> = {};
      row.eachCell((c, col) => {
        const v = cellValue(c.value);
        const h = header[col];
        if (v !== undefined && h) r[h] = v;
      });
      if (Object.keys(r).length > 0) rows.push({ sheet: ws.name, row: n, r });
    });
    tables.set(table, rows);
  }
  const origins: Origins = new Map();
  const doc: Record<string, unknown[]> = {};
  const put = (t: string, e: Record<string, unknown>, o: { sheet: string; row: number }) => {
    const list = (doc[t] ??= []);
    origins.set(`${t}.${list.length}`, o);
    list.push(e);
  };
  const rowsOf = (t: string) => tables.get(t) ?? [];
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
  const grants = new Map<
    string,
    {
      e: { fund: unknown; year: unknown; amounts: Record<string, unknown> };
      o: typeof origins extends Map<string, infer V> ? V : never;
    }
  >();
  for (const { r, ...o } of rowsOf('grants')) {
    const k = `${String(r.fund)}\u0000${String(r.year)}`;
    const g = grants.get(k) ?? { e: { fund: r.fund, year: r.year, amounts: {} }, o };
    if (typeof r.member === 'string') g.e.amounts[r.member] = r.kroner;
    const extra = Object.keys(r).find((c) => !['fund', 'year', 'member', 'kroner'].includes(c));
    if (extra) (g.e as Record<string, unknown>)[extra] = r[extra];
    grants.set(k, g);
  }
  for (const g of grants.values()) put('grants', g.e, g.o);
  const byProject = (t: string) => {
    const m = new Map<string, Record<string, unknown>[]>();
    for (const { r } of rowsOf(t)) {
      const { project, ...rest } = r;
      const list = m.get(String(project)) ?? [];
      list.push(rest);
      m.set(String(project), list);
    }
    return m;
  };
  const budget = byProject('budget');
  const split = byProject('split');
  for (const { r: row, ...o } of rowsOf('projects')) {
    // "start"/"slut" are the Danish headers of starts/ends
    const { start, ...r } = row;
    if (start !== undefined && r.starts === undefined) r.starts = start;
    const id = String(r.id);
    const sp = split.get(id);
    put(
      'projects',
      {
        ...r,
        budget: budget.get(id) ?? [],
        ...(sp ? { split: Object.fromEntries(sp.map((s) => [String(s.member), s.percent])) } : {}),
      },
      o,
    );
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
  const perForecast = (t: string) => {
    const m = new Map<string, Record<string, unknown>[]>();
    for (const { r } of rowsOf(t)) {
      const { forecast, ...rest } = r;
      const list = m.get(String(forecast)) ?? [];
      list.push(rest);
      m.set(String(forecast), list);
    }
    return m;
  };
  const targets = perForecast('forecast_targets');
  const ramp = perForecast('forecast_ramp');
  const actual = perForecast('forecast_actual');
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
    put(
      'forecasts',
      {
        ...rest,
        start: typeof start === 'string' ? start.slice(0, 7) : start,
        targets: Object.fromEntries((targets.get(id) ?? []).map((t) => [String(t.org), t.citizens])),
        ramp: ramp.get(id) ?? [],
        actual: (actual.get(id) ?? []).map((a) => ({
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
  }
  return { doc, origins };
}
