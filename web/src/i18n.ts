/** The dashboard's own texts and number/date formats in Danish (default), Swedish and English. */
export type Lang = 'da' | 'sv' | 'en';
export const LANGS: Lang[] = ['da', 'sv', 'en'];
export type Text = Record<Lang, string>;

const LOCALE: Record<Lang, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };

let current: Lang = 'da';
export const lang = (): Lang => current;
export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
}

const UI = {
  appTitle: { da: 'Tværblik', sv: 'Tvärblick', en: 'Tværblik' },
  tagline: {
    da: 'Ydelser og udgifter på tværs af forvaltninger og sektorer',
    sv: 'Insatser och kostnader över förvaltnings- och sektorsgränser',
    en: 'Services and costs across departments and sectors',
  },
  skip: { da: 'Gå til indhold', sv: 'Hoppa till innehåll', en: 'Skip to content' },
  language: { da: 'Sprog', sv: 'Språk', en: 'Language' },
  pages: { da: 'Sider', sv: 'Sidor', en: 'Pages' },
  filters: { da: 'Filtre', sv: 'Filter', en: 'Filters' },
  all: { da: 'Alle', sv: 'Alla', en: 'All' },
  reset: { da: 'Nulstil filtre', sv: 'Återställ filter', en: 'Reset filters' },
  period: { da: 'Periode', sv: 'Period', en: 'Period' },
  municipality: { da: 'Kommune', sv: 'Kommun', en: 'Municipality' },
  age_band: { da: 'Aldersgruppe', sv: 'Åldersgrupp', en: 'Age band' },
  department: { da: 'Forvaltning', sv: 'Förvaltning', en: 'Department' },
  law: { da: 'Lov', sv: 'Lag', en: 'Law' },
  loading: { da: 'Henter data …', sv: 'Hämtar data …', en: 'Loading data …' },
  empty: {
    da: 'Ingen rækker for de valgte filtre. Vælg "Alle" i et filter for at se flere.',
    sv: 'Inga rader för valda filter. Välj "Alla" i ett filter för att se fler.',
    en: 'No rows for the chosen filters. Choose "All" in a filter to see more.',
  },
  notComputed: {
    da: 'Denne analyse er ikke beregnet endnu. Kør `tvaerblik run` i arbejdsområdet; siden opdateres af sig selv bagefter.',
    sv: 'Den här analysen är inte beräknad ännu. Kör `tvaerblik run` i arbetsytan; sidan uppdateras av sig själv efteråt.',
    en: 'This analysis has not been computed yet. Run `tvaerblik run` in the workspace; the page updates by itself afterwards.',
  },
  error: {
    da: 'Data kunne ikke hentes: {msg}',
    sv: 'Data kunde inte hämtas: {msg}',
    en: 'The data could not be loaded: {msg}',
  },
  errorHint: {
    da: 'Kontrollér at `tvaerblik serve` stadig kører, og prøv igen.',
    sv: 'Kontrollera att `tvaerblik serve` fortfarande körs och försök igen.',
    en: 'Check that `tvaerblik serve` is still running, and try again.',
  },
  retry: { da: 'Prøv igen', sv: 'Försök igen', en: 'Try again' },
  showTable: {
    da: 'Vis tabellen bag figuren',
    sv: 'Visa tabellen bakom diagrammet',
    en: 'Show the table behind the chart',
  },
  download: { da: 'Hent', sv: 'Ladda ner', en: 'Download' },
  downloadChart: { da: 'Hent figur', sv: 'Ladda ner diagram', en: 'Download chart' },
  downloadTable: { da: 'Hent tabel', sv: 'Ladda ner tabell', en: 'Download table' },
  drillTitle: {
    da: 'Grupperne bag "{value}"',
    sv: 'Grupperna bakom "{value}"',
    en: 'The groups behind "{value}"',
  },
  drillPrompt: { da: 'Se grupperne bag:', sv: 'Se grupperna bakom:', en: 'See the groups behind:' },
  closeDrill: { da: 'Luk', sv: 'Stäng', en: 'Close' },
  hiddenNote: {
    da: '"< {n}" betyder færre end {n} borgere; "x" er skjult, så et lille tal ikke kan regnes ud fra totalerne. Ingen kan genkendes.',
    sv: '"< {n}" betyder färre än {n} personer; "x" är dolt så att ett litet tal inte kan räknas fram ur summorna. Ingen kan kännas igen.',
    en: '"< {n}" means fewer than {n} persons; "x" is hidden so that a small figure cannot be worked out from the totals. Nobody can be recognised.',
  },
  dataFrom: { da: 'Data fra {time}', sv: 'Data från {time}', en: 'Data from {time}' },
  allTables: { da: 'Alle tabeller', sv: 'Alla tabeller', en: 'All tables' },
  allTablesIntro: {
    da: 'Hver tabel som API’et leverer den, klar til download som CSV eller Excel. Beskrivelse af API’et: /api/openapi.json.',
    sv: 'Varje tabell som API:t levererar den, klar att ladda ner som CSV eller Excel. Beskrivning av API:t: /api/openapi.json.',
    en: 'Every table as the API serves it, ready to download as CSV or Excel. API description: /api/openapi.json.',
  },
  table: { da: 'Tabel', sv: 'Tabell', en: 'Table' },
  rows: { da: '{n} rækker', sv: '{n} rader', en: '{n} rows' },
  firstRows: {
    da: 'Viser de første {n} af {total} rækker.',
    sv: 'Visar de första {n} av {total} rader.',
    en: 'Showing the first {n} of {total} rows.',
  },
  noTables: {
    da: 'Lageret har ingen resultater endnu. Kør `tvaerblik run` i arbejdsområdet.',
    sv: 'Lagret har inga resultat ännu. Kör `tvaerblik run` i arbetsytan.',
    en: 'The warehouse has no results yet. Run `tvaerblik run` in the workspace.',
  },
  chartOf: {
    da: 'Figur: {title}. Tallene står i tabellen under figuren.',
    sv: 'Diagram: {title}. Talen finns i tabellen under diagrammet.',
    en: 'Chart: {title}. The figures are in the table below the chart.',
  },
  equality: { da: 'Lige fordeling', sv: 'Jämn fördelning', en: 'Equal distribution' },
  legend: { da: 'Forklaring', sv: 'Förklaring', en: 'Legend' },
  hidden: { da: 'skjult', sv: 'dold', en: 'hidden' },
} satisfies Record<string, Text>;

export type UiKey = keyof typeof UI;

/** A UI text in the current language, with `{name}` placeholders filled. */
export function t(key: UiKey, vars: Record<string, string | number> = {}): string {
  return tx(UI[key], vars);
}

/** Any three-language text in the current language. */
export function tx(text: Text, vars: Record<string, string | number> = {}): string {
  return text[current].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Values that appear in the tables, shown in words. Unknown values are shown as they are. */
let VALUES: Record<string, Text> = {};
/** Municipality code → name; only for municipality columns (a SE code such as 2023 is also a year). */
let MUNICIPALITIES: Record<string, string> = {};

/** The value labels come from the server (/api/meta), one list shared with the report. */
export function setValueLabels(
  labels: Record<string, Text>,
  municipalities: Record<string, string> = {},
): void {
  VALUES = labels;
  MUNICIPALITIES = municipalities;
}

/** A value in words; `column` names where it stands, for values whose meaning depends on the column. */
export function valueLabel(v: string, column = ''): string {
  if (column === 'municipality' && Object.hasOwn(MUNICIPALITIES, v)) return MUNICIPALITIES[v]!;
  const known = Object.hasOwn(VALUES, v) ? VALUES[v]![current] : undefined;
  if (known) return known;
  // the same patterns as src/labels/values.ts labelOf: per-field checks, "SEL-107@external"
  const pattern = /^(.+)_(format|required)$/.exec(v);
  const template = pattern ? VALUES[`*_${pattern[2]}`] : undefined;
  if (pattern && template) {
    const field = valueLabel(pattern[1]!);
    return template[current].replace(
      '{field}',
      /^\p{Lu}\p{Ll}/u.test(field) ? field.charAt(0).toLowerCase() + field.slice(1) : field,
    );
  }
  const at = /^(.+)@([a-z_]+)$/.exec(v);
  if (at && Object.hasOwn(VALUES, at[2]!)) return `${valueLabel(at[1]!)} (${VALUES[at[2]!]![current]})`;
  // Numeric ranges such as cost intervals and age bands: "50000-250000" → "50.000–250.000", "90+" → "90+".
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (range) return `${formatNumber(Number(range[1]))}–${formatNumber(Number(range[2]))}`;
  const open = /^(\d+)\s*\+$/.exec(v);
  if (open) return `${formatNumber(Number(open[1]))}+`;
  return v.replace(/_/g, ' ');
}

// ---- number and date formats that follow the language ----

export function formatNumber(n: number, decimals = 0): string {
  return new Intl.NumberFormat(LOCALE[current], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

/** Money from minor units (øre/öre) as whole kroner, e.g. 123456789 → "1.234.568 kr." (da). */
export function formatMoney(minor: number, decimals = 0): string {
  const kr = formatNumber(minor / 100, decimals);
  return current === 'da' ? `${kr} kr.` : current === 'sv' ? `${kr} kr` : `${kr} kr`;
}

/** Short money for axis ticks: "1,2 mio. kr." / "1,2 mn kr" / "1.2m kr". */
export function formatMoneyShort(minor: number): string {
  const kr = minor / 100;
  const compact = new Intl.NumberFormat(LOCALE[current], {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(kr);
  return `${compact} kr${current === 'da' ? '.' : ''}`;
}

export function formatShare(x: number): string {
  return new Intl.NumberFormat(LOCALE[current], { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

/** A date or timestamp (ISO) for the language: da 31-12-2024, sv 2024-12-31, en 31 Dec 2024. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const time = iso.length > 10 ? ` ${iso.slice(11, 16)}` : '';
  if (current === 'sv') return `${y}-${m}-${d}${time}`;
  if (current === 'da') return `${d}-${m}-${y}${time}`;
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${date}${time}`;
}
