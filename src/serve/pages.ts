import type { Text } from '../i18n.js';
import { MART_TABLES } from '../publish/index.js';

/**
 * The dashboard's pages as data: each panel names the table it shows (the first of its candidates the
 * warehouse has), how to chart it and which column a click drills into. The front end renders any
 * panel from this description. A new analysis declares its panel in its SQL header (`panel:` in
 * sql/analysis/<mart>.sql), which adds it to the page it names: no line here, no front-end code.
 */
export type ChartKind = 'kpi' | 'bar' | 'hbar' | 'stacked' | 'line' | 'lorenz' | 'heatmap' | 'table';

export interface PanelSpec {
  id: string;
  title: Text;
  /** candidate tables, first present wins */
  tables: string[];
  chart: ChartKind;
  /** category column (x axis, heat-map rows); the first text column when omitted */
  x?: string;
  /** measure columns; the first measure when omitted */
  y?: string[];
  /** second category (stacked series, heat-map columns) */
  series?: string;
  /** fixed server-side filters for this panel, e.g. one breakdown of a long table */
  where?: Record<string, string>;
  /** rows left out of the chart (they stay in the table), e.g. the total interval */
  exclude?: Record<string, string[]>;
  /** the category label is a money range built from two columns, e.g. "50.000–100.000 kr." */
  range?: { lower: string; upper: string };
  /** a column whose value is added to the category label, e.g. the unit of a unit cost */
  unit?: string;
  /** clicking a category shows the rows of this table for it (groups, never persons) */
  drill?: { table: string; column: string; where?: Record<string, string> };
  /** a short reading of the chart, in plain language */
  reading?: Text;
}

export interface PageSpec {
  id: string;
  title: Text;
  intro: Text;
  panels: PanelSpec[];
}

const t = (da: string, sv: string, en: string): Text => ({ da, sv, en });

const INTERVAL_RANGE = { lower: 'lower_minor', upper: 'upper_minor' };

/** One panel per breakdown of the resource-heavy persons (mart_heavy: dimension, value). */
const heavy = (id: string, dimension: string, title: Text): PanelSpec => ({
  id: `heavy-${id}`,
  title,
  tables: ['mart_heavy'],
  chart: 'hbar',
  x: 'value',
  y: ['cost_minor', 'persons'],
  where: { dimension },
});

const BUILT_IN: PageSpec[] = [
  {
    id: 'overview',
    title: t('Nøgletal', 'Nyckeltal', 'Key figures'),
    intro: t(
      'De vigtigste tal for den valgte periode og kommune: borgere med ydelser, samlet udgift, og hvor stor en del de dyreste borgere står for.',
      'De viktigaste talen för vald period och kommun: personer med insatser, total kostnad och hur stor del de dyraste står för.',
      'The main figures for the chosen period and municipality: persons with services, total cost, and the share carried by the most expensive.',
    ),
    panels: [
      {
        id: 'key-figures',
        title: t('Nøgletal', 'Nyckeltal', 'Key figures'),
        tables: ['mart_key_figure'],
        chart: 'kpi',
      },
      {
        id: 'headline',
        title: t(
          'De dyreste og de billigste forløb',
          'De dyraste och de billigaste förloppen',
          'The most and the least expensive trajectories',
        ),
        tables: ['mart_headline'],
        chart: 'bar',
        x: 'segment',
        y: ['persons_share', 'cost_share'],
        reading: t(
          'Andel af borgerne og andel af udgiften for de dyreste og de billigste borgere i aldersgruppen (som i Aalborgs analyse: 2 % og 78 %).',
          'Andel av personerna och andel av kostnaden för de dyraste och de billigaste i åldersgruppen.',
          'Share of persons and share of cost for the most and least expensive persons in the age range (as in the Aalborg analysis: 2 % and 78 %).',
        ),
      },
      { id: 'trend', title: t('Udvikling', 'Utveckling', 'Trends'), tables: ['mart_trend'], chart: 'table' },
    ],
  },
  {
    id: 'concentration',
    title: t('Koncentration', 'Koncentration', 'Concentration'),
    intro: t(
      'Hvor mange borgere bærer hvor stor en del af udgiften. Lorenz-kurven viser andel af borgere mod andel af udgift; jo længere fra diagonalen, jo mere koncentreret.',
      'Hur många personer bär hur stor del av kostnaden. Lorenzkurvan visar andel personer mot andel kostnad; ju längre från diagonalen, desto mer koncentrerat.',
      'How many persons carry how much of the cost. The Lorenz curve plots share of persons against share of cost; the further from the diagonal, the more concentrated.',
    ),
    panels: [
      {
        id: 'lorenz',
        title: t('Lorenz-kurve', 'Lorenzkurva', 'Lorenz curve'),
        tables: ['mart_lorenz'],
        chart: 'lorenz',
        x: 'person_share',
        y: ['cost_share'],
      },
      {
        id: 'top-share',
        title: t(
          'De dyreste borgeres andel af udgiften',
          'De dyraste personernas andel av kostnaden',
          'Cost share of the most expensive',
        ),
        tables: ['mart_top_share'],
        chart: 'bar',
        x: 'pct',
        y: ['share'],
        reading: t(
          'Andel af udgiften der går til de dyreste 1, 2, 5 og 10 % af borgerne.',
          'Andel av kostnaden som går till de dyraste 1, 2, 5 och 10 % av personerna.',
          'Share of the cost that goes to the most expensive 1, 2, 5 and 10 % of persons.',
        ),
      },
      {
        id: 'intervals',
        title: t(
          'Borgere og udgift pr. udgiftsinterval',
          'Personer och kostnad per kostnadsintervall',
          'Persons and cost by cost interval',
        ),
        tables: ['mart_cost_interval'],
        chart: 'bar',
        x: 'interval_no',
        y: ['persons', 'cost_minor'],
        range: INTERVAL_RANGE,
        exclude: { interval_no: ['0'] },
        drill: { table: 'mart_interval_mix', column: 'interval_no', where: { dimension: 'target_group' } },
      },
      {
        id: 'by-age',
        title: t('Udgift og Gini efter alder', 'Kostnad och Gini efter ålder', 'Cost and Gini by age'),
        tables: ['mart_concentration'],
        chart: 'bar',
        x: 'grp',
        y: ['cost_minor', 'gini'],
      },
    ],
  },
  {
    id: 'target-groups',
    title: t('Ressourcetunge målgrupper', 'Resurskrävande målgrupper', 'Resource-heavy target groups'),
    intro: t(
      'Borgere over udgiftstærsklen (250.000 kr. som standard) fordelt på målgruppe, lov, ydelse, forvaltning, forsørgelse, boform, alder og køn.',
      'Personer över kostnadsgränsen fördelade på målgrupp, lag, insats, förvaltning, försörjning, boendeform, ålder och kön.',
      'Persons above the cost threshold (250,000 by default) by target group, law, service, department, benefit status, housing, age and sex.',
    ),
    panels: [
      heavy('target-group', 'target_group', t('Målgrupper', 'Målgrupper', 'Target groups')),
      heavy('law', 'law', t('Lov og paragraf', 'Lag och paragraf', 'Law and section')),
      heavy(
        'service',
        'service',
        t('Ydelser der driver udgiften', 'Insatser som driver kostnaden', 'Services driving the cost'),
      ),
      heavy('department', 'department', t('Forvaltninger', 'Förvaltningar', 'Departments')),
      heavy('benefit', 'benefit_status', t('Forsørgelse', 'Försörjning', 'Benefit status')),
      heavy('housing', 'housing', t('Boform', 'Boendeform', 'Housing')),
      heavy('age', 'age_band', t('Alder', 'Ålder', 'Age band')),
      heavy('sex', 'sex', t('Køn', 'Kön', 'Sex')),
    ],
  },
  {
    id: 'overlaps',
    title: t('Snitflader', 'Överlapp', 'Department overlaps'),
    intro: t(
      'Borgere der får ydelser fra flere forvaltninger. Varmekortet viser hvor mange borgere to forvaltninger deler.',
      'Personer som får insatser från flera förvaltningar. Värmekartan visar hur många personer två förvaltningar delar.',
      'Persons receiving services from several departments. The heat map shows how many persons two departments share.',
    ),
    panels: [
      {
        id: 'overlap-matrix',
        title: t(
          'Fælles borgere mellem forvaltninger',
          'Gemensamma personer mellan förvaltningar',
          'Persons shared between departments',
        ),
        tables: ['mart_department_matrix'],
        chart: 'heatmap',
        x: 'department_a',
        series: 'department_b',
        y: ['persons'],
      },
      {
        id: 'overlap-count',
        title: t(
          'Borgere efter antal forvaltninger',
          'Personer efter antal förvaltningar',
          'Persons by number of departments',
        ),
        tables: ['mart_department_count'],
        chart: 'bar',
        x: 'departments',
        y: ['persons', 'cost_minor'],
      },
      {
        id: 'overlap-groups',
        title: t(
          'Valgt gruppe: andel der også får ydelser fra en anden forvaltning',
          'Vald grupp: andel som även får insatser från en annan förvaltning',
          'Chosen group: share also served by another department',
        ),
        tables: ['mart_group_overlap'],
        chart: 'hbar',
        x: 'department',
        y: ['share'],
      },
      {
        id: 'service-overlap',
        title: t('Overlappende ydelser', 'Överlappande insatser', 'Overlapping services'),
        tables: ['mart_service_overlap'],
        chart: 'table',
      },
    ],
  },
  {
    id: 'sectors',
    title: t('Kommune × region', 'Kommun × region', 'Municipal × regional'),
    intro: t(
      'Er det de samme borgere der er dyre i kommunen og i regionen? Kvadranterne viser borgere og udgift; vælg en kvadrant for at se ydelserne bag.',
      'Är det samma personer som är dyra i kommunen och i regionen? Kvadranterna visar personer och kostnad; välj en kvadrant för att se insatserna bakom.',
      'Are the same persons expensive municipally and regionally? The quadrants show persons and cost; choose a quadrant to see the services behind it.',
    ),
    panels: [
      {
        id: 'quadrant',
        title: t('Borgere pr. kvadrant', 'Personer per kvadrant', 'Persons by quadrant'),
        tables: ['mart_quadrant'],
        chart: 'bar',
        x: 'quadrant',
        y: ['persons'],
        drill: { table: 'mart_quadrant_service', column: 'quadrant' },
      },
      {
        id: 'quadrant-cost',
        title: t(
          'Kommunal og regional udgift pr. kvadrant',
          'Kommunal och regional kostnad per kvadrant',
          'Municipal and regional cost by quadrant',
        ),
        tables: ['mart_quadrant'],
        chart: 'bar',
        x: 'quadrant',
        y: ['municipal_minor', 'regional_minor'],
      },
    ],
  },
  {
    id: 'kpb',
    title: t('Enhedsomkostninger (KPB)', 'Kostnad per brukare (KPB)', 'Unit costs (KPB)'),
    intro: t(
      'Enhedsomkostning pr. ydelse delt i direkte udgift, administration og øvrige fællesudgifter; brugersammensætning; forbrug efter alder; nøgletal til sammenligning (vælg kommune "Alle" for at sammenligne kommuner).',
      'Styckkostnad per insats uppdelad i direkt kostnad, administration och övriga gemensamma kostnader; brukarmix; konsumtion efter ålder; nyckeltal för jämförelse (välj kommun "Alla" för att jämföra kommuner).',
      'Unit cost per service split into direct cost, administration and other common cost; user mix; consumption by age; key figures for benchmarking (choose municipality "All" to compare municipalities).',
    ),
    panels: [
      {
        id: 'unit-costs',
        title: t('Enhedsomkostning pr. ydelse', 'Styckkostnad per insats', 'Unit cost per service'),
        tables: ['mart_unit_cost', 'cost_unit'],
        chart: 'stacked',
        x: 'catalogue_code',
        unit: 'unit',
        y: ['direct_per_unit_minor', 'admin_per_unit_minor', 'other_per_unit_minor'],
        reading: t(
          'Kr. pr. enhed (time, døgn, uge …; se tabellen). Enhederne er forskellige, så sammenlign samme ydelse på tværs af kommuner og år.',
          'Kr per enhet (timme, dygn, vecka …; se tabellen). Enheterna skiljer sig åt, så jämför samma insats mellan kommuner och år.',
          'Kroner per unit (hour, day, week …; see the table). Units differ, so compare the same service across municipalities and years.',
        ),
      },
      {
        id: 'key-figures-kpb',
        title: t('Nøgletal (Kolada)', 'Nyckeltal (Kolada)', 'Key figures (Kolada)'),
        tables: ['cost_key_figure'],
        chart: 'hbar',
        // the Kolada id, shown by its name in the reader's language (the official title is Swedish)
        x: 'key_figure',
        y: ['value'],
      },
      {
        id: 'user-mix',
        title: t('Brugersammensætning', 'Brukarmix', 'User mix'),
        tables: ['mart_user_mix'],
        chart: 'bar',
        x: 'interval_no',
        series: 'area',
        y: ['persons_share'],
        range: INTERVAL_RANGE,
        exclude: { interval_no: ['0'] },
      },
      {
        id: 'outliers',
        title: t('Ekstreme forløb', 'Ytterfall', 'Outliers'),
        tables: ['mart_outlier'],
        chart: 'table',
      },
      {
        id: 'consumption',
        title: t('Forbrug efter alder', 'Konsumtion efter ålder', 'Consumption by age'),
        tables: ['mart_consumption'],
        chart: 'line',
        x: 'age_group',
        y: ['per_user_minor', 'per_inhabitant_minor'],
      },
    ],
  },
  {
    id: 'trajectories',
    title: t(
      'Forløb og genindlæggelser',
      'Vårdförlopp och återinskrivningar',
      'Trajectories and readmissions',
    ),
    intro: t(
      'Akutte genindlæggelser inden for 30 dage, opfølgning efter udskrivelse og klyngeindikatorer med mål.',
      'Akuta återinskrivningar inom 30 dagar, uppföljning efter utskrivning och klusterindikatorer med mål.',
      'Acute readmissions within 30 days, follow-up after discharge, and cluster indicators with targets.',
    ),
    panels: [
      {
        id: 'readmission-age',
        title: t(
          'Genindlæggelser efter alder (%)',
          'Återinskrivningar efter ålder (%)',
          'Readmissions by age (%)',
        ),
        tables: ['readmission_rate'],
        chart: 'bar',
        x: 'grp',
        y: ['rate_pct', 'crude_rate_pct'],
        where: { level: 'age_band' },
      },
      {
        id: 'readmission-municipality',
        title: t(
          'Genindlæggelser efter kommune og klynge (%)',
          'Återinskrivningar efter kommun och kluster (%)',
          'Readmissions by municipality and cluster (%)',
        ),
        tables: ['readmission_rate'],
        chart: 'table',
      },
      {
        id: 'transitions',
        title: t(
          'Udskrivelser med og uden kommunal opfølgning',
          'Utskrivningar med och utan kommunal uppföljning',
          'Discharges with and without municipal follow-up',
        ),
        tables: ['transition_summary'],
        chart: 'bar',
        x: 'follow_up',
        series: 'cohort',
        y: ['readmission_rate_pct'],
      },
      {
        id: 'cluster-indicators',
        title: t('Klyngeindikatorer og mål', 'Klusterindikatorer och mål', 'Cluster indicators and targets'),
        tables: ['cluster_indicator'],
        chart: 'table',
      },
    ],
  },
  {
    id: 'quality',
    title: t('Datakvalitet og afstemning', 'Datakvalitet och avstämning', 'Data quality and reconciliation'),
    intro: t(
      'Afstemningen af regnskabet til øre, den kommunale medfinansiering mod regionens opkrævning, og de seneste kontroller af udtrækkene.',
      'Avstämningen av redovisningen till öret, den kommunala medfinansieringen mot regionens faktura och de senaste kontrollerna av uttagen.',
      'The reconciliation of the ledger to the øre, the co-financing against the region’s invoice, and the latest checks of the extracts.',
    ),
    panels: [
      {
        id: 'reconciliation',
        title: t('Afstemning af regnskabet', 'Avstämning av redovisningen', 'Ledger reconciliation'),
        tables: ['cost_reconciliation'],
        chart: 'table',
      },
      {
        id: 'kmf',
        title: t('Kommunal medfinansiering', 'Kommunal medfinansiering', 'Municipal co-financing (KMF)'),
        tables: ['kmf_reconciliation'],
        chart: 'table',
      },
      {
        id: 'dq',
        title: t('Datakvalitet', 'Datakvalitet', 'Data quality'),
        tables: ['dq_result'],
        chart: 'table',
      },
      {
        id: 'unmapped',
        title: t('Ukendte lokale koder', 'Okända lokala koder', 'Unmapped local codes'),
        tables: ['dq_unmapped_code'],
        chart: 'table',
      },
      {
        id: 'imports',
        title: t('Indlæsninger', 'Inläsningar', 'Imports'),
        tables: ['import_log'],
        chart: 'table',
      },
    ],
  },
];

/** The built-in pages with the panels the marts declare in their headers, each on the page it names. */
export const PAGES: PageSpec[] = withDeclaredPanels(BUILT_IN);

function withDeclaredPanels(pages: PageSpec[]): PageSpec[] {
  const out = pages.map((p) => ({ ...p, panels: [...p.panels] }));
  for (const m of MART_TABLES.filter((x) => x.panel)) {
    const { page, reading, ...chart } = m.panel!;
    const target = out.find((p) => p.id === page);
    if (!target) throw new Error(`sql/analysis/${m.mart}.sql: panel.page "${page}" is not a dashboard page`);
    target.panels.push({
      id: m.mart.replace(/^mart_/, '').replace(/_/g, '-'),
      title: m.title,
      tables: [m.mart],
      ...chart,
      ...(reading || m.reading ? { reading: reading ?? m.reading } : {}),
    });
  }
  return out;
}

/** The first candidate table of a panel that the snapshot has, or null. */
export function resolvePanelTable(panel: PanelSpec, has: (name: string) => boolean): string | null {
  return panel.tables.find(has) ?? null;
}
