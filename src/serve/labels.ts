import { MART_TABLES } from '../analysis/marts.js';
import type { Lang, Text } from '../i18n.js';

/**
 * Column headings in the three languages. Columns not listed are shown by their name made readable
 * ("cost_minor" → "cost"); the marts name their columns from this vocabulary where they can.
 */
export const COLUMN_LABELS: Record<string, Text> = {
  period: { da: 'Periode', sv: 'Period', en: 'Period' },
  year: { da: 'År', sv: 'År', en: 'Year' },
  municipality: { da: 'Kommune', sv: 'Kommun', en: 'Municipality' },
  region: { da: 'Region', sv: 'Region', en: 'Region' },
  cluster: { da: 'Klynge', sv: 'Kluster', en: 'Cluster' },
  age_band: { da: 'Aldersgruppe', sv: 'Åldersgrupp', en: 'Age band' },
  age_group: { da: 'Aldersgruppe', sv: 'Åldersgrupp', en: 'Age group' },
  sex: { da: 'Køn', sv: 'Kön', en: 'Sex' },
  department: { da: 'Forvaltning', sv: 'Förvaltning', en: 'Department' },
  department_a: { da: 'Forvaltning A', sv: 'Förvaltning A', en: 'Department A' },
  department_b: { da: 'Forvaltning B', sv: 'Förvaltning B', en: 'Department B' },
  law: { da: 'Lov', sv: 'Lag', en: 'Law' },
  law_ref: { da: 'Lov og paragraf', sv: 'Lag och paragraf', en: 'Law and section' },
  sector: { da: 'Sektor', sv: 'Sektor', en: 'Sector' },
  target_group: { da: 'Målgruppe', sv: 'Målgrupp', en: 'Target group' },
  group: { da: 'Gruppe', sv: 'Grupp', en: 'Group' },
  dimension: { da: 'Opdeling', sv: 'Indelning', en: 'Breakdown' },
  value: { da: 'Værdi', sv: 'Värde', en: 'Value' },
  interval: { da: 'Udgiftsinterval', sv: 'Kostnadsintervall', en: 'Cost interval' },
  catalogue_code: { da: 'Ydelse (katalogkode)', sv: 'Insats (katalogkod)', en: 'Service (catalogue code)' },
  unit: { da: 'Enhed', sv: 'Enhet', en: 'Unit' },
  persons: { da: 'Borgere', sv: 'Personer', en: 'Persons' },
  users: { da: 'Brugere', sv: 'Brukare', en: 'Users' },
  cost_minor: { da: 'Udgift (kr.)', sv: 'Kostnad (kr)', en: 'Cost' },
  total_minor: { da: 'Udgift i alt (kr.)', sv: 'Total kostnad (kr)', en: 'Total cost' },
  mean_minor: { da: 'Gennemsnit (kr.)', sv: 'Medelvärde (kr)', en: 'Mean' },
  median_minor: { da: 'Median (kr.)', sv: 'Median (kr)', en: 'Median' },
  direct_minor: { da: 'Direkte udgift (kr.)', sv: 'Direkt kostnad (kr)', en: 'Direct cost' },
  admin_minor: { da: 'Administration (kr.)', sv: 'Administration (kr)', en: 'Administration' },
  other_common_minor: {
    da: 'Øvrige fællesudgifter (kr.)',
    sv: 'Övriga gemensamma (kr)',
    en: 'Other common cost',
  },
  unit_cost_minor: { da: 'Enhedsomkostning (kr.)', sv: 'Styckkostnad (kr)', en: 'Unit cost' },
  volume: { da: 'Volumen', sv: 'Volym', en: 'Volume' },
  share_persons: { da: 'Andel borgere', sv: 'Andel personer', en: 'Share of persons' },
  share_cost: { da: 'Andel af udgiften', sv: 'Andel av kostnaden', en: 'Share of cost' },
  rate: { da: 'Rate', sv: 'Andel', en: 'Rate' },
  target: { da: 'Mål', sv: 'Mål', en: 'Target' },
  indicator: { da: 'Indikator', sv: 'Indikator', en: 'Indicator' },
  check_id: { da: 'Kontrol', sv: 'Kontroll', en: 'Check' },
  severity: { da: 'Alvor', sv: 'Allvarlighet', en: 'Severity' },
  status: { da: 'Status', sv: 'Status', en: 'Status' },
  source_id: { da: 'Kilde', sv: 'Källa', en: 'Source' },
  rows_read: { da: 'Rækker læst', sv: 'Rader lästa', en: 'Rows read' },
  rows_loaded: { da: 'Rækker indlæst', sv: 'Rader inlästa', en: 'Rows loaded' },
  rows_rejected: { da: 'Rækker afvist', sv: 'Rader avvisade', en: 'Rows rejected' },
  imported_at: { da: 'Indlæst', sv: 'Inläst', en: 'Imported' },
  level: { da: 'Niveau', sv: 'Nivå', en: 'Level' },
  grp: { da: 'Gruppe', sv: 'Grupp', en: 'Group' },
  index_stays: { da: 'Indeksindlæggelser', sv: 'Indexvårdtillfällen', en: 'Index admissions' },
  readmissions: { da: 'Genindlæggelser', sv: 'Återinskrivningar', en: 'Readmissions' },
  rate_pct: { da: 'Genindlæggelser (%)', sv: 'Återinskrivningar (%)', en: 'Readmission rate (%)' },
  crude_index_stays: {
    da: 'Indeksindlæggelser (rå)',
    sv: 'Indexvårdtillfällen (rå)',
    en: 'Index admissions (crude)',
  },
  crude_readmissions: {
    da: 'Genindlæggelser (rå)',
    sv: 'Återinskrivningar (rå)',
    en: 'Readmissions (crude)',
  },
  crude_rate_pct: {
    da: 'Rå rate uden undtagelser (%)',
    sv: 'Rå andel utan undantag (%)',
    en: 'Crude rate, no exclusions (%)',
  },
  standardised_rate_pct: {
    da: 'Standardiseret rate (%)',
    sv: 'Standardiserad andel (%)',
    en: 'Standardised rate (%)',
  },
  cohort: { da: 'Gruppe', sv: 'Grupp', en: 'Cohort' },
  follow_up: { da: 'Kommunal opfølgning', sv: 'Kommunal uppföljning', en: 'Municipal follow-up' },
  discharges: { da: 'Udskrivelser', sv: 'Utskrivningar', en: 'Discharges' },
  with_home_care: { da: 'Med hjemmepleje', sv: 'Med hemtjänst', en: 'With home care' },
  readmission_rate_pct: {
    da: 'Genindlæggelser (%)',
    sv: 'Återinskrivningar (%)',
    en: 'Readmission rate (%)',
  },
  median_days_to_first_service: {
    da: 'Dage til første ydelse (median)',
    sv: 'Dagar till första insats (median)',
    en: 'Days to first service (median)',
  },
  numerator: { da: 'Tæller', sv: 'Täljare', en: 'Numerator' },
  denominator: { da: 'Nævner', sv: 'Nämnare', en: 'Denominator' },
  previous_value: { da: 'Forrige periode', sv: 'Föregående period', en: 'Previous period' },
  change: { da: 'Ændring', sv: 'Förändring', en: 'Change' },
  trend: { da: 'Retning', sv: 'Riktning', en: 'Trend' },
  target_met: { da: 'Mål nået', sv: 'Mål uppnått', en: 'Target met' },
  key_figure: { da: 'Nøgletal', sv: 'Nyckeltal', en: 'Key figure' },
  title: { da: 'Titel', sv: 'Titel', en: 'Title' },
  measure: { da: 'Mål', sv: 'Mått', en: 'Measure' },
  numerator_minor: { da: 'Tæller (kr.)', sv: 'Täljare (kr)', en: 'Numerator' },
  reason: { da: 'Begrundelse', sv: 'Skäl', en: 'Reason' },
  label: { da: 'Betegnelse', sv: 'Benämning', en: 'Label' },
  provider: { da: 'Leverandør', sv: 'Utförare', en: 'Provider' },
  amount_minor: { da: 'Beløb (kr.)', sv: 'Belopp (kr)', en: 'Amount' },
  pool: { da: 'Pulje', sv: 'Pool', en: 'Pool' },
  pool_kind: { da: 'Puljens art', sv: 'Poolens typ', en: 'Pool kind' },
  step: { da: 'Trin', sv: 'Steg', en: 'Step' },
  key: { da: 'Fordelingsnøgle', sv: 'Fördelningsnyckel', en: 'Allocation key' },
  target_type: { da: 'Modtagerens art', sv: 'Mottagarens typ', en: 'Target type' },
  weight: { da: 'Vægt', sv: 'Vikt', en: 'Weight' },
  ledger_minor: { da: 'Regnskab (kr.)', sv: 'Redovisning (kr)', en: 'Ledger' },
  attributed_minor: {
    da: 'Henført til borgere (kr.)',
    sv: 'Hänfört till personer (kr)',
    en: 'Attributed to persons',
  },
  nonattributable_minor: {
    da: 'Ikke henførbart (kr.)',
    sv: 'Ej hänförbart (kr)',
    en: 'Not attributable',
  },
  excluded_minor: { da: 'Udeladt (kr.)', sv: 'Exkluderat (kr)', en: 'Excluded' },
  difference_minor: { da: 'Forskel (kr.)', sv: 'Differens (kr)', en: 'Difference' },
  attributed_outside_ledger_minor: {
    da: 'Henført uden for regnskabet (kr.)',
    sv: 'Hänfört utanför redovisningen (kr)',
    en: 'Attributed outside the ledger',
  },
  method: { da: 'Metode', sv: 'Metod', en: 'Method' },
  hours_granted: { da: 'Visiterede timer', sv: 'Beviljade timmar', en: 'Hours granted' },
  hours_performed: { da: 'Leverede timer', sv: 'Utförda timmar', en: 'Hours performed' },
  unit_cost_granted_hour_minor: {
    da: 'Pris pr. visiteret time (kr.)',
    sv: 'Kostnad per beviljad timme (kr)',
    en: 'Cost per granted hour',
  },
  unit_cost_performed_hour_minor: {
    da: 'Pris pr. leveret time (kr.)',
    sv: 'Kostnad per utförd timme (kr)',
    en: 'Cost per performed hour',
  },
  run_id: { da: 'Kørsel', sv: 'Körning', en: 'Run' },
  import_id: { da: 'Indlæsning', sv: 'Inläsning', en: 'Import' },
  kind: { da: 'Art', sv: 'Typ', en: 'Kind' },
  field: { da: 'Felt', sv: 'Fält', en: 'Field' },
  threshold_pct: { da: 'Grænse (%)', sv: 'Gräns (%)', en: 'Threshold (%)' },
  rows_checked: { da: 'Rækker kontrolleret', sv: 'Rader kontrollerade', en: 'Rows checked' },
  rows_violated: { da: 'Rækker med fejl', sv: 'Rader med fel', en: 'Rows failing' },
  pct_violated: { da: 'Andel med fejl (%)', sv: 'Andel med fel (%)', en: 'Share failing (%)' },
  sample_rows: { da: 'Eksempler (rækkenumre)', sv: 'Exempel (radnummer)', en: 'Sample rows' },
  checked_at: { da: 'Kontrolleret', sv: 'Kontrollerad', en: 'Checked at' },
  local_code: { da: 'Lokal kode', sv: 'Lokal kod', en: 'Local code' },
  rows: { da: 'Rækker', sv: 'Rader', en: 'Rows' },
  file: { da: 'Fil', sv: 'Fil', en: 'File' },
  file_hash: { da: 'Filens kontrolsum', sv: 'Filens kontrollsumma', en: 'File hash' },
  config_hash: { da: 'Opsætningens kontrolsum', sv: 'Konfigurationens kontrollsumma', en: 'Config hash' },
  replaced_import_id: { da: 'Erstattet indlæsning', sv: 'Ersatt inläsning', en: 'Replaced import' },
  source: { da: 'Kilde', sv: 'Källa', en: 'Source' },
  contacts: { da: 'Kontakter', sv: 'Kontakter', en: 'Contacts' },
  invoiced_contacts: { da: 'Opkrævede kontakter', sv: 'Fakturerade kontakter', en: 'Invoiced contacts' },
  computed_minor: { da: 'Beregnet (kr.)', sv: 'Beräknat (kr)', en: 'Computed' },
  computed_invoiced_minor: {
    da: 'Beregnet for opkrævede (kr.)',
    sv: 'Beräknat för fakturerade (kr)',
    en: 'Computed for invoiced contacts',
  },
  invoiced_minor: { da: 'Opkrævet (kr.)', sv: 'Fakturerat (kr)', en: 'Invoiced' },
  deviation: { da: 'Afvigelse', sv: 'Avvikelse', en: 'Deviation' },
  description: { da: 'Beskrivelse', sv: 'Beskrivning', en: 'Description' },
  files: { da: 'Filer', sv: 'Filer', en: 'Files' },
  amount: { da: 'Beløb', sv: 'Belopp', en: 'Amount' },
};

/** A column's heading in a language. */
export function columnLabel(name: string, lang: Lang): string {
  const known = COLUMN_LABELS[name];
  if (known) return known[lang];
  const plain = name.replace(/_minor$/, '').replace(/_/g, ' ');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** A column's heading in a table: the mart's own label when it declares one. */
export function tableColumnLabel(table: string, name: string, lang: Lang): string {
  const declared = MART_TABLES.find((m) => m.mart === table)?.columns.find((c) => c.name === name)?.label;
  return declared ? declared[lang] : columnLabel(name, lang);
}

/** Titles of the served tables that are not marts (the marts declare their own in src/analysis/marts.ts). */
export const TABLE_TITLES: Record<string, Text> = {
  readmission_rate: { da: 'Genindlæggelser', sv: 'Återinskrivningar', en: 'Readmissions' },
  transition_summary: {
    da: 'Udskrivelser og kommunal opfølgning',
    sv: 'Utskrivningar och kommunal uppföljning',
    en: 'Discharges and municipal follow-up',
  },
  kmf_reconciliation: {
    da: 'Kommunal medfinansiering mod regionens opkrævning',
    sv: 'Kommunal medfinansiering mot regionens faktura',
    en: 'Co-financing against the region’s invoice',
  },
  cost_key_figure: { da: 'Nøgletal (Kolada)', sv: 'Nyckeltal (Kolada)', en: 'Key figures (Kolada)' },
  dq_unmapped_code: { da: 'Ukendte lokale koder', sv: 'Okända lokala koder', en: 'Unmapped local codes' },
  cost_unit: { da: 'Enhedsomkostninger', sv: 'Styckkostnader', en: 'Unit costs' },
  cost_reconciliation: {
    da: 'Afstemning af regnskabet',
    sv: 'Avstämning av redovisningen',
    en: 'Ledger reconciliation',
  },
  cost_nonattributable: {
    da: 'Udgifter der ikke kan henføres til borgere',
    sv: 'Kostnader som inte kan hänföras till personer',
    en: 'Costs not attributable to persons',
  },
  cost_pool_allocation: {
    da: 'Fordeling af fællesudgifter',
    sv: 'Fördelning av gemensamma kostnader',
    en: 'Allocation of common costs',
  },
  cluster_indicator: { da: 'Klyngeindikatorer', sv: 'Klusterindikatorer', en: 'Cluster indicators' },
  dq_result: { da: 'Datakvalitet', sv: 'Datakvalitet', en: 'Data quality' },
  import_log: { da: 'Indlæsninger', sv: 'Inläsningar', en: 'Imports' },
};

/** A served table's title: the mart's own, a listed one, or its name. */
export function tableTitle(table: string): Text {
  return (
    MART_TABLES.find((m) => m.mart === table)?.title ??
    (Object.hasOwn(TABLE_TITLES, table) ? TABLE_TITLES[table]! : { da: table, sv: table, en: table })
  );
}
