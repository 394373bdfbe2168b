import type { Text } from '../i18n.js';

/**
 * The dashboard's pages as data: each panel names the table it shows (the first of its candidates the
 * warehouse has), how to chart it and which column a click drills into. The front end renders any
 * panel from this description, so a new mart needs a line here, not new front-end code.
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
  /** fixed filters for this panel, e.g. one breakdown of a long table */
  where?: Record<string, string>;
  /** clicking a category shows the rows of this table for it (groups, never persons) */
  drill?: { table: string; column: string };
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

export const PAGES: PageSpec[] = [
  {
    id: 'overview',
    title: t('Nøgletal', 'Nyckeltal', 'Key figures'),
    intro: t(
      'De vigtigste tal for den valgte periode og kommune: borgere med ydelser, samlet udgift og hvor stor en del de dyreste borgere står for.',
      'De viktigaste talen för vald period och kommun: personer med insatser, total kostnad och hur stor del de dyraste står för.',
      'The main figures for the chosen period and municipality: persons with services, total cost and the share carried by the most expensive.',
    ),
    panels: [
      {
        id: 'key-figures',
        title: t('Nøgletal', 'Nyckeltal', 'Key figures'),
        tables: ['mart_key_figures', 'mart_headline'],
        chart: 'kpi',
      },
      {
        id: 'headline',
        title: t('Udgiftskoncentration', 'Kostnadskoncentration', 'Cost concentration'),
        tables: ['mart_headline', 'mart_concentration_top'],
        chart: 'table',
      },
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
        tables: ['mart_lorenz', 'mart_concentration_lorenz'],
        chart: 'lorenz',
        x: 'share_persons',
        y: ['share_cost'],
      },
      {
        id: 'intervals',
        title: t(
          'Borgere og udgift pr. udgiftsinterval',
          'Personer och kostnad per kostnadsintervall',
          'Persons and cost by cost interval',
        ),
        tables: ['mart_cost_intervals', 'mart_concentration_intervals', 'mart_concentration'],
        chart: 'bar',
        x: 'interval',
        y: ['persons', 'cost_minor'],
        drill: { table: 'mart_target_groups', column: 'interval' },
      },
    ],
  },
  {
    id: 'target-groups',
    title: t('Ressourcetunge målgrupper', 'Resurskrävande målgrupper', 'Resource-heavy target groups'),
    intro: t(
      'Borgere over udgiftstærsklen fordelt på målgruppe, lov, ydelse og forvaltning.',
      'Personer över kostnadsgränsen fördelade på målgrupp, lag, insats och förvaltning.',
      'Persons above the cost threshold by target group, law, service and department.',
    ),
    panels: [
      {
        id: 'target-groups',
        title: t('Målgrupper', 'Målgrupper', 'Target groups'),
        tables: ['mart_target_groups', 'mart_heavy_groups'],
        chart: 'hbar',
        y: ['cost_minor', 'persons'],
      },
      {
        id: 'heavy-services',
        title: t('Ydelser der driver udgiften', 'Insatser som driver kostnaden', 'Services driving the cost'),
        tables: ['mart_heavy_services', 'mart_target_group_services'],
        chart: 'hbar',
        y: ['cost_minor'],
      },
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
        tables: ['mart_overlap_matrix', 'mart_department_overlap'],
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
        tables: ['mart_overlap_count', 'mart_departments_per_person'],
        chart: 'bar',
        y: ['persons'],
      },
      {
        id: 'overlap-groups',
        title: t(
          'Valgte grupper: andel også hos andre forvaltninger',
          'Valda grupper: andel även hos andra förvaltningar',
          'Chosen groups: share also served by other departments',
        ),
        tables: ['mart_overlap_groups'],
        chart: 'hbar',
      },
    ],
  },
  {
    id: 'sectors',
    title: t('Kommune × region', 'Kommun × region', 'Municipal × regional'),
    intro: t(
      'Er det de samme borgere der er dyre i kommunen og i regionen? Kvadranterne viser borgere og udgift.',
      'Är det samma personer som är dyra i kommunen och i regionen? Kvadranterna visar personer och kostnad.',
      'Are the same persons expensive municipally and regionally? The quadrants show persons and cost.',
    ),
    panels: [
      {
        id: 'quadrant',
        title: t('Kvadrant', 'Kvadrant', 'Quadrant'),
        tables: ['mart_sector_quadrant', 'mart_quadrant'],
        chart: 'bar',
        y: ['persons'],
      },
    ],
  },
  {
    id: 'kpb',
    title: t('Enhedsomkostninger (KPB)', 'Kostnad per brukare (KPB)', 'Unit costs (KPB)'),
    intro: t(
      'Enhedsomkostning pr. ydelse delt i direkte udgift og administration, brugersammensætning, forbrug efter alder og sammenligning mellem kommuner.',
      'Styckkostnad per insats uppdelad i direkt kostnad och administration, brukarmix, konsumtion efter ålder och jämförelse mellan kommuner.',
      'Unit cost per service split into direct cost and administration, user mix, consumption by age and comparison between municipalities.',
    ),
    panels: [
      {
        id: 'unit-costs',
        title: t('Enhedsomkostninger', 'Styckkostnader', 'Unit costs'),
        tables: ['mart_unit_cost', 'cost_unit'],
        chart: 'stacked',
        x: 'catalogue_code',
        y: ['direct_minor', 'admin_minor', 'other_common_minor'],
      },
      {
        id: 'user-mix',
        title: t('Brugersammensætning', 'Brukarmix', 'User mix'),
        tables: ['mart_user_mix'],
        chart: 'stacked',
        y: ['persons'],
      },
      {
        id: 'consumption',
        title: t('Forbrug efter alder', 'Konsumtion efter ålder', 'Consumption by age'),
        tables: ['mart_consumption', 'mart_consumption_age'],
        chart: 'line',
      },
      {
        id: 'benchmark',
        title: t('Sammenligning', 'Jämförelse', 'Benchmarks'),
        tables: ['mart_benchmark', 'mart_kpb_key_figures'],
        chart: 'hbar',
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
      'Indlæggelser, akutte genindlæggelser inden for 30 dage, opfølgning efter udskrivelse og klyngeindikatorer med mål.',
      'Inskrivningar, akuta återinskrivningar inom 30 dagar, uppföljning efter utskrivning och klusterindikatorer med mål.',
      'Admissions, acute readmissions within 30 days, follow-up after discharge and cluster indicators with targets.',
    ),
    panels: [
      {
        id: 'readmissions',
        title: t('Genindlæggelser', 'Återinskrivningar', 'Readmissions'),
        tables: ['mart_readmissions', 'mart_readmission_rates'],
        chart: 'bar',
      },
      {
        id: 'transitions',
        title: t(
          'Overgange fra hospital til kommune',
          'Övergångar från sjukhus till kommun',
          'Transitions from hospital to municipality',
        ),
        tables: ['mart_transitions'],
        chart: 'bar',
      },
      {
        id: 'cluster-indicators',
        title: t('Klyngeindikatorer', 'Klusterindikatorer', 'Cluster indicators'),
        tables: ['cluster_indicator', 'mart_cluster_indicators'],
        chart: 'table',
      },
    ],
  },
  {
    id: 'quality',
    title: t('Datakvalitet og afstemning', 'Datakvalitet och avstämning', 'Data quality and reconciliation'),
    intro: t(
      'Resultatet af de seneste kontroller af udtrækkene, indlæsningerne og afstemningen af regnskabet til øre.',
      'Resultatet av de senaste kontrollerna av uttagen, inläsningarna och avstämningen av redovisningen till öret.',
      'The latest checks of the extracts, the imports, and the reconciliation of the ledger to the øre.',
    ),
    panels: [
      {
        id: 'reconciliation',
        title: t('Afstemning', 'Avstämning', 'Reconciliation'),
        tables: ['cost_reconciliation'],
        chart: 'table',
      },
      {
        id: 'dq',
        title: t('Datakvalitet', 'Datakvalitet', 'Data quality'),
        tables: ['dq_result'],
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

/** The first candidate table of a panel that the snapshot has, or null. */
export function resolvePanelTable(panel: PanelSpec, has: (name: string) => boolean): string | null {
  return panel.tables.find(has) ?? null;
}
