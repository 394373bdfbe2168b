import { DEFAULT_KEY_FIGURES } from '../costing/keyfigures.js';
import { DQ_CHECKS, DQ_FIELDS } from '../core/dq-names.js';
import { text, texts } from '../core/messages.js';
import { formatNumber, LANGS, type Text } from '../i18n.js';

/**
 * Names of the values that appear in tables (target groups, quadrants, areas, statuses …) in da, sv and en.
 * The one list: the report reads it directly and the dashboard receives it with /api/meta.
 */
export const VALUE_LABELS: Record<string, Text> = {
  municipal: { da: 'Kommunal', sv: 'Kommunal', en: 'Municipal' },
  regional: { da: 'Regional', sv: 'Regional', en: 'Regional' },
  private: { da: 'Privat', sv: 'Privat', en: 'Private' },
  own: { da: 'egen', sv: 'egen regi', en: 'own' },
  external: { da: 'købt', sv: 'köpt', en: 'purchased' },
  physical_disability: {
    da: 'Fysisk handicap',
    sv: 'Fysisk funktionsnedsättning',
    en: 'Physical disability',
  },
  acquired_brain_injury: {
    da: 'Erhvervet hjerneskade',
    sv: 'Förvärvad hjärnskada',
    en: 'Acquired brain injury',
  },
  developmental_disability: {
    da: 'Udviklingshæmning',
    sv: 'Intellektuell funktionsnedsättning',
    en: 'Developmental disability',
  },
  mental_illness: { da: 'Sindslidelse', sv: 'Psykisk ohälsa', en: 'Mental illness' },
  substance_abuse: { da: 'Misbrug', sv: 'Missbruk', en: 'Substance abuse' },
  elderly: { da: 'Ældre', sv: 'Äldre', en: 'Elderly' },
  other: { da: 'Øvrige', sv: 'Övriga', en: 'Other' },
  unknown: { da: 'Ukendt', sv: 'Okänd', en: 'Unknown' },
  ordinary_housing: { da: 'Eget hjem', sv: 'Ordinärt boende', en: 'Ordinary housing' },
  special_housing: { da: 'Plejebolig', sv: 'Särskilt boende', en: 'Special housing' },
  lss: { da: 'LSS', sv: 'LSS', en: 'LSS' },
  F: { da: 'Kvinder', sv: 'Kvinnor', en: 'Women' },
  M: { da: 'Mænd', sv: 'Män', en: 'Men' },
  total: { da: 'I alt', sv: 'Totalt', en: 'Total' },
  all: { da: 'Alle', sv: 'Alla', en: 'All' },
  ok: { da: 'OK', sv: 'OK', en: 'OK' },
  pass: { da: 'Bestået', sv: 'Godkänd', en: 'Passed' },
  warn: { da: 'Advarsel', sv: 'Varning', en: 'Warning' },
  fail: { da: 'Fejl', sv: 'Fel', en: 'Failed' },
  stop: { da: 'Stop', sv: 'Stopp', en: 'Stop' },
  hour_granted: { da: 'visiteret time', sv: 'beviljad timme', en: 'granted hour' },
  hour_performed: { da: 'leveret time', sv: 'utförd timme', en: 'performed hour' },
  hour: { da: 'time', sv: 'timme', en: 'hour' },
  day: { da: 'døgn', sv: 'dygn', en: 'day' },
  week: { da: 'uge', sv: 'vecka', en: 'week' },
  month: { da: 'måned', sv: 'månad', en: 'month' },
  year: { da: 'år', sv: 'år', en: 'year' },
  place: { da: 'plads', sv: 'plats', en: 'place' },
  visit: { da: 'besøg', sv: 'besök', en: 'visit' },
  item: { da: 'stk.', sv: 'st.', en: 'item' },
  portion: { da: 'portion', sv: 'portion', en: 'portion' },
  user: { da: 'bruger', sv: 'brukare', en: 'user' },
  amount: { da: 'beløb', sv: 'belopp', en: 'amount' },
  true: { da: 'Ja', sv: 'Ja', en: 'Yes' },
  false: { da: 'Nej', sv: 'Nej', en: 'No' },
  top: { da: 'Dyreste', sv: 'Dyraste', en: 'Most expensive' },
  bottom: { da: 'Billigste', sv: 'Billigaste', en: 'Least expensive' },
  outlier: { da: 'Ekstreme forløb', sv: 'Ytterfall', en: 'Outliers' },
  disability: { da: 'Handicap', sv: 'Funktionsnedsättning', en: 'Disability' },
  social_psychiatry: { da: 'Socialpsykiatri', sv: 'Socialpsykiatri', en: 'Social psychiatry' },
  older_multimorbid: {
    da: '65+ med flere kroniske sygdomme',
    sv: '65+ med flera kroniska sjukdomar',
    en: '65+ with several chronic diseases',
  },
  high_high: {
    da: 'Dyr kommunalt og regionalt',
    sv: 'Dyr kommunalt och regionalt',
    en: 'Expensive municipally and regionally',
  },
  high_low: {
    da: 'Dyr kommunalt, billig regionalt',
    sv: 'Dyr kommunalt, billig regionalt',
    en: 'Expensive municipally, cheap regionally',
  },
  low_high: {
    da: 'Billig kommunalt, dyr regionalt',
    sv: 'Billig kommunalt, dyr regionalt',
    en: 'Cheap municipally, expensive regionally',
  },
  low_low: {
    da: 'Billig kommunalt og regionalt',
    sv: 'Billig kommunalt och regionalt',
    en: 'Cheap municipally and regionally',
  },
  cost: { da: 'Samlede udgifter', sv: 'Total kostnad', en: 'Total cost' },
  cost_per_inhabitant: { da: 'Udgift pr. indbygger', sv: 'Kostnad per invånare', en: 'Cost per inhabitant' },
  cost_per_person: { da: 'Udgift pr. borger', sv: 'Kostnad per person', en: 'Cost per citizen' },
  gini: { da: 'Gini-koefficient', sv: 'Gini-koefficient', en: 'Gini coefficient' },
  // the default ages and threshold; `tvaerblik serve` and the report fill in the workspace's own (heavyLabels)
  ...heavyLabels(18, 64, 250_000),
  multi_department_share: {
    da: 'Andel i 2+ forvaltninger',
    sv: 'Andel i 2+ förvaltningar',
    en: 'Share in 2+ departments',
  },
  persons: { da: 'Borgere med ydelser', sv: 'Personer med insatser', en: 'Citizens with services' },
  regional_cost: { da: 'Regionale udgifter (KMF)', sv: 'Regionala kostnader', en: 'Regional cost (KMF)' },
  top_share: { da: 'Andel til de dyreste 2 %', sv: 'Andel till de dyraste 2 %', en: 'Share of the top 2 %' },
  '*any*': { da: 'Enhver anden forvaltning', sv: 'Någon annan förvaltning', en: 'Any other department' },
  expensive_both: {
    da: 'Dyr i begge sektorer',
    sv: 'Dyr i båda sektorerna',
    en: 'Expensive in both sectors',
  },
  expensive_municipal: {
    da: 'Kun dyr i kommunen',
    sv: 'Dyr endast i kommunen',
    en: 'Expensive municipally only',
  },
  expensive_regional: {
    da: 'Kun dyr i regionen',
    sv: 'Dyr endast i regionen',
    en: 'Expensive regionally only',
  },
  expensive_neither: { da: 'Dyr i ingen af dem', sv: 'Dyr i ingen', en: 'Expensive in neither' },
  '?': { da: 'Ukendt', sv: 'Okänd', en: 'Unknown' },
  '*': { da: 'I alt', sv: 'Totalt', en: 'Total' },
  U: { da: 'Ukendt køn', sv: 'Okänt kön', en: 'Sex unknown' },
  any: { da: 'Mindst én ydelse', sv: 'Minst en insats', en: 'At least one service' },
  multiple: { da: 'To eller flere ydelser', sv: 'Två eller fler insatser', en: 'Two or more services' },
  training: { da: 'Træning', sv: 'Träning', en: 'Training' },
  home_care: { da: 'Hjemmehjælp', sv: 'Hemtjänst', en: 'Home care' },
  nursing: { da: 'Sygepleje', sv: 'Sjukvård', en: 'Nursing' },
  housing: { da: 'Botilbud og boliger', sv: 'Boenden', en: 'Housing' },
  personal_assistance: { da: 'Personlig assistance', sv: 'Personlig assistans', en: 'Personal assistance' },
  benefit: { da: 'Forsørgelse', sv: 'Försörjning', en: 'Benefits' },
  target_group: { da: 'Målgruppe', sv: 'Målgrupp', en: 'Target group' },
  benefit_status: { da: 'Forsørgelse', sv: 'Försörjning', en: 'Benefit status' },
  chronic_condition: { da: 'Kronisk sygdom', sv: 'Kronisk sjukdom', en: 'Chronic condition' },
  age_band: { da: 'Alder', sv: 'Ålder', en: 'Age' },
  sex: { da: 'Køn', sv: 'Kön', en: 'Sex' },
  law: { da: 'Lov og paragraf', sv: 'Lag och paragraf', en: 'Law and paragraph' },
  service: { da: 'Ydelse', sv: 'Insats', en: 'Service' },
  department: { da: 'Forvaltning', sv: 'Förvaltning', en: 'Department' },
  temporary_stay: { da: 'Midlertidigt ophold', sv: 'Korttidsvistelse', en: 'Temporary stay' },
  meals: { da: 'Madservice', sv: 'Matdistribution', en: 'Meals' },
  day_activity: { da: 'Dagtilbud og beskæftigelse', sv: 'Daglig verksamhet', en: 'Day activity' },
  support: { da: 'Støtte', sv: 'Stöd', en: 'Support' },
  relief: { da: 'Aflastning', sv: 'Avlösning', en: 'Relief' },
  placement: { da: 'Anbringelse', sv: 'Placering', en: 'Placement' },
  employment_measure: { da: 'Beskæftigelsesindsats', sv: 'Arbetsmarknadsinsats', en: 'Employment measure' },
  substance_treatment: { da: 'Misbrugsbehandling', sv: 'Missbruksbehandling', en: 'Substance treatment' },
  prevention: { da: 'Forebyggelse', sv: 'Förebyggande', en: 'Prevention' },
  housing_adaptation: { da: 'Boligindretning', sv: 'Bostadsanpassning', en: 'Housing adaptation' },
  shelter: { da: 'Forsorgshjem og krisecenter', sv: 'Härbärge och skyddat boende', en: 'Shelter' },
  safety_alarm: { da: 'Nødkald', sv: 'Trygghetslarm', en: 'Safety alarm' },
  hospital_outpatient: { da: 'Ambulant behandling', sv: 'Öppenvård', en: 'Outpatient care' },
  hospital_inpatient: { da: 'Indlæggelse', sv: 'Slutenvård', en: 'Inpatient care' },
  companion: { da: 'Ledsagelse', sv: 'Ledsagning', en: 'Companion' },
  child_support: { da: 'Støtte til børn og unge', sv: 'Stöd till barn och unga', en: 'Support for children' },
  aids: { da: 'Hjælpemidler', sv: 'Hjälpmedel', en: 'Aids' },
  treatment: { da: 'Behandling', sv: 'Behandling', en: 'Treatment' },
  specialist_practice: { da: 'Speciallæge', sv: 'Specialistläkare', en: 'Specialist practice' },
  general_practice: { da: 'Almen praksis', sv: 'Primärvård', en: 'General practice' },
  contact_person: { da: 'Kontaktperson', sv: 'Kontaktperson', en: 'Contact person' },
  car: { da: 'Støtte til bil', sv: 'Bilstöd', en: 'Car' },
  after_school: { da: 'Fritidstilbud', sv: 'Korttidstillsyn', en: 'After-school care' },
  early_retirement: { da: 'Førtidspension', sv: 'Sjukersättning', en: 'Early retirement' },
  sickness_benefit_long_term: {
    da: 'Sygedagpenge over 52 uger',
    sv: 'Långvarig sjukpenning',
    en: 'Long-term sickness benefit',
  },
  // benefit status, housing and chronic conditions as the catalogues' mappings name them
  disability_pension: { da: 'Førtidspension', sv: 'Sjukersättning', en: 'Disability pension' },
  social_assistance: { da: 'Kontanthjælp', sv: 'Ekonomiskt bistånd', en: 'Social assistance' },
  flex_job: { da: 'Fleksjob', sv: 'Flexjobb', en: 'Flex job' },
  sickness_benefit: { da: 'Sygedagpenge', sv: 'Sjukpenning', en: 'Sickness benefit' },
  resource_course: { da: 'Ressourceforløb', sv: 'Resursförlopp', en: 'Resource course' },
  long_term_sickness_benefit: {
    da: 'Sygedagpengemodtagere over 52 uger',
    sv: 'Långvarig sjukpenning',
    en: 'Long-term sickness benefit',
  },
  own_home: { da: 'Eget hjem', sv: 'Eget hem', en: 'Own home' },
  housing_107: {
    da: 'Midlertidigt botilbud (§ 107)',
    sv: 'Tillfälligt boende (§ 107)',
    en: 'Temporary residential care (§ 107)',
  },
  housing_108: {
    da: 'Længerevarende botilbud (§ 108)',
    sv: 'Långvarigt boende (§ 108)',
    en: 'Long-term residential care (§ 108)',
  },
  nursing_home: { da: 'Plejebolig', sv: 'Vård- och omsorgsboende', en: 'Nursing home' },
  lss_housing: { da: 'Bolig efter LSS', sv: 'Bostad med särskild service (LSS)', en: 'LSS housing' },
  diabetes: { da: 'Diabetes', sv: 'Diabetes', en: 'Diabetes' },
  copd: { da: 'KOL', sv: 'KOL', en: 'COPD' },
  heart_failure: { da: 'Hjertesvigt', sv: 'Hjärtsvikt', en: 'Heart failure' },
  ischaemic_heart_disease: {
    da: 'Iskæmisk hjertesygdom',
    sv: 'Ischemisk hjärtsjukdom',
    en: 'Ischaemic heart disease',
  },
  dementia: { da: 'Demens', sv: 'Demens', en: 'Dementia' },
  osteoporosis: { da: 'Knogleskørhed', sv: 'Benskörhet', en: 'Osteoporosis' },
  arthritis: { da: 'Leddegigt', sv: 'Ledgångsreumatism', en: 'Rheumatoid arthritis' },
  cancer: { da: 'Kræft', sv: 'Cancer', en: 'Cancer' },
  // data-quality checks (src/ingest/checks.ts): kinds; the check names come from the catalogues
  ...texts('dq.check', DQ_CHECKS),
  conformance: { da: 'Format', sv: 'Format', en: 'Conformance' },
  completeness: { da: 'Fuldstændighed', sv: 'Fullständighet', en: 'Completeness' },
  plausibility: { da: 'Troværdighed', sv: 'Rimlighet', en: 'Plausibility' },
  info: { da: 'Til orientering', sv: 'För kännedom', en: 'Information' },
  // cluster indicators (src/trajectories/config.ts INDICATORS)
  admissions_per_1000_65plus: {
    da: 'Indlæggelser pr. 1.000 borgere 65+',
    sv: 'Vårdtillfällen per 1 000 invånare 65+',
    en: 'Admissions per 1,000 citizens 65+',
  },
  acute_readmissions_per_1000_65plus: {
    da: 'Akutte genindlæggelser pr. 1.000 borgere 65+',
    sv: 'Akuta återinskrivningar per 1 000 invånare 65+',
    en: 'Acute readmissions per 1,000 citizens 65+',
  },
  readmission_rate_pct: {
    da: 'Genindlæggelser inden for 30 dage (%)',
    sv: 'Återinskrivningar inom 30 dagar (%)',
    en: 'Readmissions within 30 days (%)',
  },
  services_per_citizen: { da: 'Ydelser pr. borger', sv: 'Insatser per invånare', en: 'Services per citizen' },
  hospital_contacts_per_citizen: {
    da: 'Sygehuskontakter pr. borger',
    sv: 'Sjukhuskontakter per invånare',
    en: 'Hospital contacts per citizen',
  },
  gp_contacts_per_citizen: {
    da: 'Lægekontakter pr. borger',
    sv: 'Läkarkontakter i primärvården per invånare',
    en: 'GP contacts per citizen',
  },
  municipal_services_per_citizen: {
    da: 'Kommunale ydelser pr. borger',
    sv: 'Kommunala insatser per invånare',
    en: 'Municipal services per citizen',
  },
  home_care_after_discharge_pct: {
    da: 'Hjemmepleje efter udskrivelse (%)',
    sv: 'Hemtjänst efter utskrivning (%)',
    en: 'Home care after discharge (%)',
  },
  follow_up_after_discharge_pct: {
    da: 'Opfølgning efter udskrivelse (%)',
    sv: 'Uppföljning efter utskrivning (%)',
    en: 'Follow-up after discharge (%)',
  },
  cost_per_citizen_municipal: {
    da: 'Kommunal udgift pr. borger',
    sv: 'Kommunal kostnad per invånare',
    en: 'Municipal cost per citizen',
  },
  cost_per_citizen_regional: {
    da: 'Regional udgift pr. borger',
    sv: 'Regional kostnad per invånare',
    en: 'Regional cost per citizen',
  },
  // the canonical fields of the data model: in the catalogues, shared with the data-quality report
  ...texts('dq.field', DQ_FIELDS),
  // the canonical tables an import loads (import_log.target)
  ledger: { da: 'Regnskab', sv: 'Redovisning', en: 'Ledger' },
  hospital_contact: { da: 'Sygehuskontakter', sv: 'Sjukhuskontakter', en: 'Hospital contacts' },
  gp_contact: { da: 'Lægekontakter', sv: 'Läkarkontakter', en: 'GP contacts' },
  person: { da: 'Borgere', sv: 'Personer', en: 'Persons' },
  residence: { da: 'Bopæl', sv: 'Folkbokföring', en: 'Residence' },
  person_attribute: { da: 'Borgeroplysninger', sv: 'Personuppgifter', en: 'Person attributes' },
  population: { da: 'Befolkning', sv: 'Befolkning', en: 'Population' },
  // the levels of readmission_rate (src/trajectories)
  municipality: { da: 'Kommune', sv: 'Kommun', en: 'Municipality' },
  cluster: { da: 'Klynge', sv: 'Kluster', en: 'Cluster' },
  // reasons for leaving a ledger line out, as docs/costing.md suggests them and the demo uses them
  user_fee_not_deducted: {
    da: 'Brugerbetaling (ikke fratrukket)',
    sv: 'Avgift (inte avräknad)',
    en: 'User fee (not deducted)',
  },
  financing: { da: 'Finansiering', sv: 'Finansiering', en: 'Financing' },
  financing_state_refund: { da: 'Statsrefusion', sv: 'Statlig ersättning', en: 'State refund' },
  vat: { da: 'Moms', sv: 'Moms', en: 'VAT' },
  kmf_costed_from_regional_data: {
    da: 'Medfinansiering (beregnet fra regionens data)',
    sv: 'Medfinansiering (beräknad från regionens data)',
    en: 'Co-financing (costed from regional data)',
  },
  // ledger reconciliation (src/costing): what a ledger line went to
  intervention: { da: 'Ydelse', sv: 'Insats', en: 'Service' },
  nonattributable: {
    da: 'Kan ikke henføres til borgere',
    sv: 'Kan inte hänföras till personer',
    en: 'Not attributable to persons',
  },
  excluded: { da: 'Udeladt', sv: 'Exkluderad', en: 'Excluded' },
  pool: { da: 'Fællesudgift (pulje)', sv: 'Gemensam kostnad (pool)', en: 'Common cost pool' },
  gp: { da: 'Almen praksis', sv: 'Primärvård', en: 'General practice' },
  hospital: { da: 'Sygehus', sv: 'Sjukhus', en: 'Hospital' },
  administration: { da: 'Administration', sv: 'Administration', en: 'Administration' },
  premises: { da: 'Lokaler', sv: 'Lokaler', en: 'Premises' },
  // the built-in Kolada key figures (src/costing/keyfigures.ts), by their Kolada id
  U21003: {
    da: 'Hjemmehjælp, egen leverandør, kr. pr. visiteret time (Kolada U21003)',
    sv: 'Kostnad hemtjänst, egen regi, kr/beviljad timme (U21003)',
    en: 'Home care, own provider, per granted hour (Kolada U21003)',
  },
  'KPB-HT-UTF': {
    da: 'Hjemmehjælp, egen leverandør, kr. pr. leveret time',
    sv: 'Kostnad hemtjänst, egen regi, kr/utförd timme',
    en: 'Home care, own provider, per performed hour',
  },
  U21005: {
    da: 'Midlertidigt ophold, egen leverandør, kr. pr. døgn (Kolada U21005)',
    sv: 'Kostnad korttidsboende, egen regi, kr/dygn (U21005)',
    en: 'Temporary stay, own provider, per day (Kolada U21005)',
  },
  U23004: {
    da: 'Plejebolig, egen leverandør, kr. pr. døgn (Kolada U23004)',
    sv: 'Kostnad särskilt boende, egen regi, kr/dygn (U23004)',
    en: 'Nursing home, own provider, per day (Kolada U23004)',
  },
  U28030: {
    da: 'Gruppebolig efter LSS, egen leverandør, kr. pr. døgn (Kolada U28030)',
    sv: 'Kostnad gruppboende LSS för vuxna, egen regi, kr/dygn (U28030)',
    en: 'LSS group home, own provider, per day (Kolada U28030)',
  },
  U28032: {
    da: 'Servicebolig efter LSS, egen leverandør, kr. pr. døgn (Kolada U28032)',
    sv: 'Kostnad servicebostad LSS, egen regi, kr/dygn (U28032)',
    en: 'LSS service housing, own provider, per day (Kolada U28032)',
  },
  U28031: {
    da: 'Daglig virksomhed efter LSS, egen leverandør, kr. pr. dag (Kolada U28031)',
    sv: 'Kostnad daglig verksamhet LSS, egen regi, kr/dag (U28031)',
    en: 'LSS daily activity, own provider, per day (Kolada U28031)',
  },
  U28096: {
    da: 'Korttidsophold efter LSS, egen leverandør, kr. pr. døgn (Kolada U28096)',
    sv: 'Kostnad korttidsvistelse LSS, egen regi, kr/dygn (U28096)',
    en: 'LSS short stay, own provider, per day (Kolada U28096)',
  },
  // data-quality checks made per field ("admit_time_format"): "{field}" is the field's name
  '*_format': text('dq.check.format'),
  '*_required': text('dq.check.required'),
  U28033: {
    da: 'Indsatser efter LSS, kr. pr. bruger (Kolada U28033)',
    sv: 'Kostnad insatser inom LSS, kr/brukare (U28033)',
    en: 'LSS services, per user (Kolada U28033)',
  },
};

// A built-in key figure's official (Swedish) Kolada title reads as its name in the reader's language.
for (const k of DEFAULT_KEY_FIGURES) {
  const named = VALUE_LABELS[k.id];
  if (named) VALUE_LABELS[k.title] = named;
}

/**
 * The name of a value in a language: its own label, else a pattern's ("admit_time_format"), else
 * "SEL-107@external" as "<service> (<provider>)", else the value with underscores as spaces.
 */
export function labelOf(
  value: string,
  lang: (typeof LANGS)[number],
  labels: Record<string, Text> = VALUE_LABELS,
): string {
  if (Object.hasOwn(labels, value)) return labels[value]![lang];
  const pattern = /^(.+)_(format|required)$/.exec(value);
  if (pattern)
    return labels[`*_${pattern[2]}`]![lang].replace(
      '{field}',
      inSentence(labelOf(pattern[1]!, lang, labels)),
    );
  const at = /^(.+)@([a-z_]+)$/.exec(value);
  if (at && Object.hasOwn(labels, at[2]!))
    return `${labelOf(at[1]!, lang, labels)} (${labels[at[2]!]![lang]})`;
  return value.replace(/_/g, ' ');
}

/** A name inside a sentence: "Alder" → "alder", but "CPR" stays. */
export function inSentence(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/**
 * The resource-heavy key figures' names with the analysis' ages and threshold, so a card never reads as
 * if it counted every age ("126 resource-heavy citizens" next to "372 citizens cost at least 250,000").
 */
export function heavyLabels(ageFrom: number, ageTo: number, thresholdKr: number): Record<string, Text> {
  const text = (f: (a: string, b: string, kr: string, l: (typeof LANGS)[number]) => string): Text =>
    Object.fromEntries(
      LANGS.map((l) => [l, f(String(ageFrom), String(ageTo), formatNumber(thresholdKr, l, 0), l)]),
    ) as Text;
  return {
    heavy_persons: text((a, b, kr, l) =>
      l === 'da'
        ? `Ressourcetunge borgere ${a}–${b} år (≥ ${kr} kr.)`
        : l === 'sv'
          ? `Resurskrävande personer ${a}–${b} år (≥ ${kr} kr)`
          : `Resource-heavy citizens aged ${a}–${b} (≥ ${kr})`,
    ),
    heavy_cost_share: text((a, b, kr, l) =>
      l === 'da'
        ? `Ressourcetunge ${a}–${b}-åriges andel af udgiften`
        : l === 'sv'
          ? `Resurskrävande ${a}–${b} års andel av kostnaden`
          : `Share of cost of the resource-heavy aged ${a}–${b}`,
    ),
  };
}
