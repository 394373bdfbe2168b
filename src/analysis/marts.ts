/**
 * Every mart as a table a person may see: its columns with labels in da/sv/en, the persons column(s)
 * and the additive dimensions that suppression must protect (a row whose dimension value is the total
 * marker is the sum of the rows that differ from it only there). Readers (report, API, dashboard) take
 * the suppression settings from here so every outlet hides the same cells.
 */
import type { Row, Value } from '../engine/engine.js';
import type { Text } from '../i18n.js';
import type { ColumnKind, Dimension, Link, Ranked } from '../suppression/index.js';

export interface ReportColumn {
  name: string;
  kind: ColumnKind;
  label: Text;
}

export interface MartTable {
  mart: string;
  title: Text;
  columns: ReportColumn[];
  persons: string | string[];
  dimensions?: Dimension[];
  /** rows that sum the cheapest or dearest persons of a cost ranking (suppression keeps cut points apart) */
  ranked?: Ranked | Ranked[];
  orderBy: string;
}

/** The ranking of persons by cost within period, municipality and age group (an_ranked). */
const BY_COST = ['period', 'municipality', 'grp'];

const L = (da: string, sv: string, en: string): Text => ({ da, sv, en });
const key = (name: string, label: Text): ReportColumn => ({ name, kind: 'key', label });
const col = (name: string, kind: ColumnKind, label: Text): ReportColumn => ({ name, kind, label });

const PERIOD = key('period', L('Periode', 'Period', 'Period'));
const MUNI = key('municipality', L('Kommune', 'Kommun', 'Municipality'));
const PERSONS = col('persons', 'persons', L('Borgere', 'Personer', 'Citizens'));
const COST = col('cost_minor', 'money', L('Udgift (kr.)', 'Kostnad (kr)', 'Cost (DKK/SEK)'));
const COST_SHARE = col('cost_share', 'share', L('Andel af udgiften', 'Andel av kostnaden', 'Share of cost'));
const PERSON_SHARE = col(
  'persons_share',
  'share',
  L('Andel af borgerne', 'Andel av personerna', 'Share of citizens'),
);
const INTERVAL = [
  key('interval_no', L('Interval nr.', 'Intervall nr', 'Interval no.')),
  col('lower_minor', 'bound', L('Fra (kr.)', 'Från (kr)', 'From')),
  col('upper_minor', 'bound', L('Under (kr.)', 'Under (kr)', 'Below')),
];

export const MART_TABLES: MartTable[] = [
  {
    mart: 'mart_headline',
    title: L('Hovedtabel', 'Huvudtabell', 'Headline table'),
    columns: [
      PERIOD,
      MUNI,
      key('segment', L('Gruppe', 'Grupp', 'Group')),
      col('pct', 'number', L('Procent af borgerne', 'Procent av personerna', 'Per cent of citizens')),
      col('age_from', 'number', L('Alder fra', 'Ålder från', 'Age from')),
      col('age_to', 'number', L('Alder til', 'Ålder till', 'Age to')),
      PERSONS,
      COST,
      PERSON_SHARE,
      COST_SHARE,
      col('inhabitants', 'count', L('Indbyggere', 'Invånare', 'Inhabitants')),
      col(
        'inhabitant_share',
        'share',
        L('Andel af indbyggerne', 'Andel av invånarna', 'Share of inhabitants'),
      ),
    ],
    persons: 'persons',
    ranked: {
      name: 'headline',
      by: ['period', 'municipality'],
      persons: 'persons',
      side: { column: 'segment', values: { all: 'all', top: 'dearest', bottom: 'cheapest' } },
    },
    orderBy: 'period, municipality, segment',
  },
  {
    mart: 'mart_concentration',
    title: L('Koncentration og Gini', 'Koncentration och Gini', 'Concentration and Gini'),
    columns: [
      PERIOD,
      MUNI,
      key('grp', L('Alder', 'Ålder', 'Age')),
      PERSONS,
      COST,
      col('gini', 'number', L('Gini', 'Gini', 'Gini')),
    ],
    persons: 'persons',
    dimensions: [{ column: 'grp', total: 'all' }],
    ranked: [
      { name: 'cost', by: BY_COST, persons: 'persons', side: 'all' },
      {
        name: 'persons',
        by: ['period', 'municipality'],
        persons: 'persons',
        side: (r) => (r.grp === 'all' ? 'all' : null),
      },
    ],
    orderBy: 'period, municipality, grp',
  },
  {
    mart: 'mart_top_share',
    title: L('De dyreste borgeres andel', 'De dyraste personernas andel', 'Share of the most expensive'),
    columns: [
      PERIOD,
      MUNI,
      key('grp', L('Alder', 'Ålder', 'Age')),
      key('pct', L('Dyreste procent', 'Dyraste procent', 'Top per cent')),
      PERSONS,
      COST,
      col('share', 'share', L('Andel af udgiften', 'Andel av kostnaden', 'Share of cost')),
    ],
    persons: 'persons',
    ranked: { name: 'cost', by: BY_COST, persons: 'persons', side: 'dearest' },
    orderBy: 'period, municipality, grp, pct',
  },
  {
    mart: 'mart_lorenz',
    title: L('Lorenzkurve', 'Lorenzkurva', 'Lorenz curve'),
    columns: [
      PERIOD,
      MUNI,
      key('grp', L('Alder', 'Ålder', 'Age')),
      key('point', L('Punkt', 'Punkt', 'Point')),
      col('person_share', 'share', L('Andel af borgerne', 'Andel av personerna', 'Share of citizens')),
      col('persons_cum', 'count', L('Borgere (kumuleret)', 'Personer (kumulativt)', 'Citizens (cumulative)')),
      col('cost_cum_minor', 'money', L('Udgift (kumuleret)', 'Kostnad (kumulativ)', 'Cost (cumulative)')),
      COST_SHARE,
    ],
    // a point is judged by the persons below it; no step count is published (between two published
    // points it follows from them and is ≥ threshold; beside a hidden point it would be a small count)
    persons: 'persons_cum',
    ranked: { name: 'cost', by: BY_COST, persons: 'persons_cum', side: 'cheapest' },
    orderBy: 'period, municipality, grp, point',
  },
  {
    mart: 'mart_cost_interval',
    title: L('Udgiftsintervaller', 'Kostnadsintervall', 'Cost intervals'),
    columns: [
      PERIOD,
      MUNI,
      key('grp', L('Alder', 'Ålder', 'Age')),
      ...INTERVAL,
      PERSONS,
      COST,
      col('mean_minor', 'mean', L('Gennemsnit (kr.)', 'Medel (kr)', 'Mean')),
      col('median_minor', 'mean', L('Median (kr.)', 'Median (kr)', 'Median')),
    ],
    persons: 'persons',
    dimensions: [
      { column: 'interval_no', total: 0 },
      { column: 'grp', total: 'all' },
    ],
    orderBy: 'period, municipality, grp, interval_no',
  },
  {
    mart: 'mart_heavy',
    title: L('Ressourcetunge borgere', 'Resurskrävande personer', 'Resource-heavy citizens'),
    columns: [
      PERIOD,
      MUNI,
      key('dimension', L('Opdeling', 'Indelning', 'Breakdown')),
      key('value', L('Værdi', 'Värde', 'Value')),
      PERSONS,
      COST,
      PERSON_SHARE,
      COST_SHARE,
    ],
    persons: 'persons',
    dimensions: [{ column: 'value', total: '*' }],
    orderBy: 'period, municipality, dimension, cost_minor DESC, value',
  },
  {
    mart: 'mart_interval_mix',
    title: L(
      'Lov og målgruppe pr. interval',
      'Lag och målgrupp per intervall',
      'Law and target group by interval',
    ),
    columns: [
      PERIOD,
      MUNI,
      key('interval_no', L('Interval nr.', 'Intervall nr', 'Interval no.')),
      key('dimension', L('Opdeling', 'Indelning', 'Breakdown')),
      key('value', L('Værdi', 'Värde', 'Value')),
      PERSONS,
      COST,
    ],
    persons: 'persons',
    dimensions: [{ column: 'value', total: '*' }],
    orderBy: 'period, municipality, dimension, interval_no, value',
  },
  {
    mart: 'mart_department_count',
    title: L('Antal forvaltninger pr. borger', 'Antal förvaltningar per person', 'Departments per citizen'),
    columns: [
      PERIOD,
      MUNI,
      key('departments', L('Forvaltninger', 'Förvaltningar', 'Departments')),
      PERSONS,
      COST,
    ],
    persons: 'persons',
    dimensions: [{ column: 'departments', total: '*' }],
    orderBy: 'period, municipality, departments',
  },
  {
    mart: 'mart_department_matrix',
    title: L('Snitflader mellem forvaltninger', 'Överlapp mellan förvaltningar', 'Department overlaps'),
    columns: [
      PERIOD,
      MUNI,
      key('department_a', L('Forvaltning', 'Förvaltning', 'Department')),
      key('department_b', L('Også i', 'Även i', 'Also in')),
      PERSONS,
      COST,
    ],
    persons: 'persons',
    // a department's own citizens (the diagonal) hold those it shares with each other department
    ranked: [
      {
        name: 'department',
        by: ['period', 'municipality', 'department_a'],
        persons: 'persons',
        side: (r) => (r.department_a === r.department_b ? 'all' : 'dearest'),
      },
      // and the department's citizens are a part of all citizens (mart_concentration's 'all')
      {
        name: 'persons',
        by: ['period', 'municipality'],
        persons: 'persons',
        side: (r) => (r.department_a === r.department_b ? 'dearest' : null),
      },
    ],
    orderBy: 'period, municipality, department_a, department_b',
  },
  {
    mart: 'mart_group_overlap',
    title: L('Valgt gruppe på tværs', 'Vald grupp över förvaltningar', 'Chosen group across departments'),
    columns: [
      PERIOD,
      MUNI,
      key('group_id', L('Gruppe', 'Grupp', 'Group')),
      key('department', L('Anden forvaltning', 'Annan förvaltning', 'Other department')),
      col('group_persons', 'persons', L('Borgere i gruppen', 'Personer i gruppen', 'Citizens in group')),
      PERSONS,
      col('share', 'share', L('Andel af gruppen', 'Andel av gruppen', 'Share of group')),
    ],
    persons: ['persons', 'group_persons'],
    orderBy: 'period, municipality, group_id, department',
  },
  {
    mart: 'mart_quadrant',
    title: L('Kommunalt × regionalt', 'Kommunalt × regionalt', 'Municipal × regional'),
    columns: [
      PERIOD,
      MUNI,
      key('quadrant', L('Kvadrant', 'Kvadrant', 'Quadrant')),
      PERSONS,
      col('municipal_minor', 'money', L('Kommunal udgift', 'Kommunal kostnad', 'Municipal cost')),
      col('regional_minor', 'money', L('Regional udgift', 'Regional kostnad', 'Regional cost')),
      col('mean_age', 'number', L('Gns. alder', 'Medelålder', 'Mean age')),
      col(
        'municipal_threshold_minor',
        'money',
        L('Grænse kommunalt', 'Gräns kommunalt', 'Municipal threshold'),
      ),
      col(
        'regional_threshold_minor',
        'money',
        L('Grænse regionalt', 'Gräns regionalt', 'Regional threshold'),
      ),
    ],
    persons: 'persons',
    dimensions: [{ column: 'quadrant', total: '*' }],
    orderBy: 'period, municipality, quadrant',
  },
  {
    mart: 'mart_quadrant_service',
    title: L('Ydelser pr. kvadrant', 'Insatser per kvadrant', 'Services by quadrant'),
    columns: [
      PERIOD,
      MUNI,
      key('quadrant', L('Kvadrant', 'Kvadrant', 'Quadrant')),
      key('catalogue_code', L('Ydelse', 'Insats', 'Service')),
      PERSONS,
      COST,
    ],
    persons: 'persons',
    // a service's cost over the quadrants, and a quadrant's over its services, are known elsewhere
    // (key figures, unit costs, mart_quadrant): protect both sums though the table has no total rows
    dimensions: [
      { column: 'quadrant', total: '*', known: true },
      { column: 'catalogue_code', total: '*', known: true },
    ],
    orderBy: 'period, municipality, quadrant, cost_minor DESC, catalogue_code',
  },
  {
    mart: 'mart_service_overlap',
    title: L('Overlappende ydelser', 'Överlappande insatser', 'Overlapping services'),
    columns: [
      PERIOD,
      MUNI,
      key('family', L('Ydelsesfamilie', 'Insatsfamilj', 'Service family')),
      key('measure', L('Mål', 'Mått', 'Measure')),
      PERSONS,
      COST,
    ],
    persons: 'persons',
    // those with several kinds of a family's services are a part of those with any: keep both apart
    ranked: {
      name: 'family',
      by: ['period', 'municipality', 'family'],
      persons: 'persons',
      side: { column: 'measure', values: { any: 'all', multiple: 'dearest' } },
    },
    orderBy: 'period, municipality, family, measure',
  },
  {
    mart: 'mart_user_mix',
    title: L('Brugermix (KPB)', 'Brukarmix (KPB)', 'User mix (KPB)'),
    columns: [
      PERIOD,
      MUNI,
      key('area', L('Område', 'Område', 'Area')),
      ...INTERVAL,
      PERSONS,
      COST,
      PERSON_SHARE,
    ],
    persons: 'persons',
    dimensions: [{ column: 'interval_no', total: 0 }],
    orderBy: 'period, municipality, area, interval_no',
  },
  {
    mart: 'mart_outlier',
    title: L('Ekstreme forløb (KPB)', 'Ytterfall (KPB)', 'Outliers (KPB)'),
    columns: [
      PERIOD,
      MUNI,
      key('area', L('Område', 'Område', 'Area')),
      key('segment', L('Gruppe', 'Grupp', 'Group')),
      col('threshold_minor', 'money', L('Grænse (kr.)', 'Gräns (kr)', 'Threshold')),
      PERSONS,
      COST,
      PERSON_SHARE,
      COST_SHARE,
    ],
    persons: 'persons',
    // the outliers are the dearest of the area's users
    ranked: {
      name: 'area',
      by: ['period', 'municipality', 'area'],
      persons: 'persons',
      side: { column: 'segment', values: { all: 'all', outlier: 'dearest' } },
    },
    orderBy: 'period, municipality, area, segment',
  },
  {
    mart: 'mart_unit_cost',
    title: L('Enhedsomkostninger', 'Styckkostnader', 'Unit costs'),
    columns: [
      PERIOD,
      MUNI,
      key('catalogue_code', L('Ydelse', 'Insats', 'Service')),
      key('provider', L('Leverandør', 'Utförare', 'Provider')),
      key('unit', L('Enhed', 'Enhet', 'Unit')),
      col('volume', 'decimal', L('Volumen', 'Volym', 'Volume')),
      col('direct_minor', 'money', L('Direkte (kr.)', 'Direkt (kr)', 'Direct')),
      col('admin_minor', 'money', L('Administration (kr.)', 'Administration (kr)', 'Administration')),
      col('other_common_minor', 'money', L('Øvrige fælles (kr.)', 'Övrigt gemensamt (kr)', 'Other common')),
      col('total_minor', 'money', L('I alt (kr.)', 'Totalt (kr)', 'Total')),
      col('unit_cost_minor', 'decimal', L('Enhedspris (kr.)', 'Styckkostnad (kr)', 'Unit cost')),
      col('direct_per_unit_minor', 'decimal', L('Direkte pr. enhed', 'Direkt per enhet', 'Direct per unit')),
      col('admin_per_unit_minor', 'decimal', L('Adm. pr. enhed', 'Adm. per enhet', 'Admin per unit')),
      col('other_per_unit_minor', 'decimal', L('Øvrige pr. enhed', 'Övrigt per enhet', 'Other per unit')),
      PERSONS,
    ],
    persons: 'persons',
    orderBy: 'period, municipality, catalogue_code, provider, unit',
  },
  {
    mart: 'mart_consumption',
    title: L('Forbrug efter alder', 'Konsumtion efter ålder', 'Consumption by age'),
    columns: [
      PERIOD,
      MUNI,
      key('age_group', L('Aldersgruppe', 'Åldersgrupp', 'Age group')),
      col('age_from', 'number', L('Alder fra', 'Ålder från', 'Age from')),
      PERSONS,
      COST,
      col('inhabitants', 'count', L('Indbyggere', 'Invånare', 'Inhabitants')),
      col('per_user_minor', 'mean', L('Pr. bruger (kr.)', 'Per brukare (kr)', 'Per user')),
      col('per_inhabitant_minor', 'mean', L('Pr. indbygger (kr.)', 'Per invånare (kr)', 'Per inhabitant')),
    ],
    persons: 'persons',
    dimensions: [{ column: 'age_group', total: '*' }],
    orderBy: 'period, municipality, age_from',
  },
  {
    mart: 'mart_result',
    title: L('Udgift pr. resultat', 'Kostnad per resultat', 'Cost per result'),
    columns: [
      PERIOD,
      MUNI,
      key('result_id', L('Resultat', 'Resultat', 'Result')),
      PERSONS,
      col('users', 'persons', L('Brugere', 'Brukare', 'Users')),
      COST,
      col('cost_per_result_minor', 'mean', L('Pr. resultat (kr.)', 'Per resultat (kr)', 'Per result')),
    ],
    persons: ['persons', 'users'],
    orderBy: 'period, municipality, result_id',
  },
  {
    mart: 'mart_key_figure',
    title: L('Nøgletal', 'Nyckeltal', 'Key figures'),
    columns: [
      PERIOD,
      MUNI,
      key('indicator', L('Nøgletal', 'Nyckeltal', 'Indicator')),
      PERSONS,
      col('amount_minor', 'money', L('Beløb (kr.)', 'Belopp (kr)', 'Amount')),
      col('value', 'number', L('Værdi', 'Värde', 'Value')),
    ],
    persons: 'persons',
    orderBy: 'period, municipality, indicator',
  },
  {
    mart: 'mart_trend',
    title: L('Udvikling', 'Utveckling', 'Trends'),
    columns: [
      PERIOD,
      key('previous_period', L('Forrige periode', 'Föregående period', 'Previous period')),
      MUNI,
      key('indicator', L('Nøgletal', 'Nyckeltal', 'Indicator')),
      PERSONS,
      col('previous_persons', 'persons', L('Borgere før', 'Personer före', 'Citizens before')),
      col('amount_minor', 'money', L('Beløb (kr.)', 'Belopp (kr)', 'Amount')),
      col('previous_amount_minor', 'money', L('Beløb før', 'Belopp före', 'Amount before')),
      col('change_minor', 'money', L('Ændring (kr.)', 'Förändring (kr)', 'Change')),
      col('value', 'number', L('Værdi', 'Värde', 'Value')),
      col('previous_value', 'number', L('Værdi før', 'Värde före', 'Value before')),
      col('change', 'number', L('Ændring', 'Förändring', 'Change')),
      col('change_share', 'share', L('Ændring i %', 'Förändring i %', 'Change in %')),
    ],
    persons: ['persons', 'previous_persons'],
    orderBy: 'municipality, indicator, period',
  },
];

export function martTable(mart: string): MartTable {
  const t = MART_TABLES.find((x) => x.mart === mart);
  if (!t) throw new Error(`No table definition for ${mart}`);
  return t;
}

const same = (a: Value | undefined, b: Value | undefined) => String(a ?? '') === String(b ?? '');
const sum = (rows: Row[], c: string) => rows.reduce((s, r) => s + BigInt(String(r[c] ?? 0)), 0n);

/**
 * The sums that tie marts to each other, so that suppression runs over all of them at once (a cell hidden
 * in one mart must not be read off another). A group's row in mart_concentration is the interval total of
 * mart_cost_interval. The other ties depend on the configuration (ages, heavy threshold), so they are read
 * from the data: a run of consecutive age groups whose cost intervals add up, interval by interval, to
 * mart_interval_mix's totals (or to mart_headline's persons); a run of intervals from some interval up
 * that adds up to mart_heavy's total; and rows of two marts with the same persons and the same amount
 * (a key figure repeats a mart's row, a total of all persons appears in several marts). A coincidental
 * match only hides more.
 */
export function martLinks(marts: Map<string, Row[]>): Link[] {
  const links: Link[] = [
    {
      total: { table: 'mart_cost_interval', where: { interval_no: [0] } },
      parts: { table: 'mart_concentration' },
      on: ['period', 'municipality', 'grp'],
    },
  ];
  links.push(...sameFigures(marts));
  const conc = marts.get('mart_concentration') ?? [];
  const intervals = marts.get('mart_cost_interval') ?? [];
  const mix = marts.get('mart_interval_mix') ?? [];
  const headline = marts.get('mart_headline') ?? [];
  const heavy = marts.get('mart_heavy') ?? [];
  const units = new Map<string, { period: Value; municipality: Value }>();
  for (const r of conc) units.set(`${String(r.period)}|${String(r.municipality)}`, r as never);
  for (const { period, municipality } of units.values()) {
    const mine = (rows: Row[]) =>
      rows.filter((r) => same(r.period, period) && same(r.municipality, municipality));
    const where = { period: [period], municipality: [municipality] };
    const bands = mine(conc)
      .map((r) => String(r.grp))
      .filter((g) => /^\d+(-\d+|\+)$/.test(g))
      .sort((a, b) => parseInt(a) - parseInt(b));
    const runs: string[][] = [];
    for (let i = 0; i < bands.length; i++)
      for (let j = i + 1; j <= bands.length; j++) runs.push(bands.slice(i, j));
    // mart_interval_mix totals (per dimension) = Σ of a run of age groups' cost intervals
    const mixTotals = mine(mix).filter((r) => r.value === '*' && r.dimension === 'law');
    const ivs = mine(intervals);
    const mixRun = runs.find(
      (run) =>
        mixTotals.length > 0 &&
        mixTotals.every((t) => {
          const parts = ivs.filter((r) => run.includes(String(r.grp)) && same(r.interval_no, t.interval_no));
          return (
            sum(parts, 'persons') === BigInt(String(t.persons)) &&
            sum(parts, 'cost_minor') === BigInt(String(t.cost_minor))
          );
        }),
    );
    if (mixRun)
      links.push({
        total: { table: 'mart_interval_mix', where: { ...where, value: ['*'] } },
        parts: { table: 'mart_cost_interval', where: { ...where, grp: mixRun } },
        on: ['period', 'municipality', 'interval_no'],
      });
    // mart_headline's whole = Σ of a run of age groups
    const all = mine(headline).find((r) => r.segment === 'all');
    const groups = mine(conc);
    const headRun =
      all &&
      runs.find((run) => {
        const parts = groups.filter((r) => run.includes(String(r.grp)));
        return (
          sum(parts, 'persons') === BigInt(String(all.persons)) &&
          sum(parts, 'cost_minor') === BigInt(String(all.cost_minor))
        );
      });
    if (headRun)
      links.push({
        total: { table: 'mart_headline', where: { ...where, segment: ['all'] } },
        parts: { table: 'mart_concentration', where: { ...where, grp: headRun } },
        on: ['period', 'municipality'],
      });
    // mart_heavy's total = Σ of mart_interval_mix's totals from some interval up
    const heavyTotal = mine(heavy).find((r) => r.value === '*');
    const nos = [...new Set(mixTotals.map((r) => Number(r.interval_no)))].sort((a, b) => a - b);
    const from =
      heavyTotal &&
      nos.find((no) => {
        const parts = mixTotals.filter((r) => Number(r.interval_no) >= no);
        return (
          sum(parts, 'persons') === BigInt(String(heavyTotal.persons)) &&
          sum(parts, 'cost_minor') === BigInt(String(heavyTotal.cost_minor))
        );
      });
    if (from !== undefined && heavyTotal)
      for (const dimension of ['law', 'target_group'])
        links.push({
          total: { table: 'mart_heavy', where: { ...where, value: ['*'] } },
          parts: {
            table: 'mart_interval_mix',
            where: {
              ...where,
              value: ['*'],
              dimension: [dimension],
              interval_no: nos.filter((n) => n >= from),
            },
          },
          on: ['period', 'municipality'],
        });
  }
  return links;
}

/** Rows of different marts that publish the same figure: equal persons (> 0) and equal first amount. */
function sameFigures(marts: Map<string, Row[]>): Link[] {
  const seen = new Map<string, { table: string; where: Record<string, Value[]> }>();
  const links: Link[] = [];
  for (const def of MART_TABLES) {
    const rows = marts.get(def.mart);
    // the amount the row sums (an outlier threshold is a money column too, but no sum)
    const money = (
      def.columns.find((c) => c.name === 'cost_minor') ??
      def.columns.find((c) => c.kind === 'money' && !c.name.includes('threshold'))
    )?.name;
    if (!rows || !money) continue;
    const personsColumn = Array.isArray(def.persons) ? def.persons[0]! : def.persons;
    const keys = def.columns.filter((c) => c.kind === 'key').map((c) => c.name);
    for (const r of rows) {
      const p = r[personsColumn];
      const v = r[money];
      if (p === null || p === undefined || v === null || v === undefined || Number(p) <= 0) continue;
      const sig = [String(r.period), String(r.municipality), String(p), String(v)].join('|');
      const here = { table: def.mart, where: Object.fromEntries(keys.map((k) => [k, [r[k] ?? null]])) };
      const first = seen.get(sig);
      if (!first) seen.set(sig, here);
      else if (first.table !== def.mart) links.push({ total: first, parts: here, on: [] });
    }
  }
  return links;
}
