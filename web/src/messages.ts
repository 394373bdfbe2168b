// Generated from locales/web/{da,sv,en}.json by tools/web-texts.ts (`npm run build`); do not edit.
// To change a dashboard text, edit the catalogues and run `npx tsx tools/web-texts.ts`.

export type UiKey =
  | 'age_band'
  | 'all'
  | 'allTables'
  | 'allTablesIntro'
  | 'appTitle'
  | 'chartOf'
  | 'closeDrill'
  | 'dataFrom'
  | 'department'
  | 'download'
  | 'downloadChart'
  | 'downloadTable'
  | 'drillPrompt'
  | 'drillTitle'
  | 'empty'
  | 'equality'
  | 'error'
  | 'errorHint'
  | 'filters'
  | 'firstRows'
  | 'hidden'
  | 'hiddenNote'
  | 'language'
  | 'languageName'
  | 'law'
  | 'legend'
  | 'loading'
  | 'logScale'
  | 'municipality'
  | 'noTables'
  | 'notComputed'
  | 'pages'
  | 'period'
  | 'reset'
  | 'retry'
  | 'rows'
  | 'showTable'
  | 'skip'
  | 'table'
  | 'tagline';

/** The dashboard texts per language, `{name}` placeholders filled by t() in i18n.ts. */
export const MESSAGES: Record<'da' | 'sv' | 'en', Record<UiKey, string>> = {
  da: {
    age_band: 'Aldersgruppe',
    all: 'Alle',
    allTables: 'Alle tabeller',
    allTablesIntro:
      'Hver tabel som API’et leverer den, klar til download som CSV eller Excel. Beskrivelse af API’et: /api/openapi.json.',
    appTitle: 'Tværblik',
    chartOf: 'Figur: {title}. Tallene står i tabellen under figuren.',
    closeDrill: 'Luk',
    dataFrom: 'Data fra {time}',
    department: 'Forvaltning',
    download: 'Hent',
    downloadChart: 'Hent figur',
    downloadTable: 'Hent tabel',
    drillPrompt: 'Se grupperne bag:',
    drillTitle: 'Grupperne bag "{value}"',
    empty: 'Ingen rækker for de valgte filtre. Vælg "Alle" i et filter for at se flere.',
    equality: 'Lige fordeling',
    error: 'Data kunne ikke hentes: {msg}',
    errorHint: 'Kontrollér at `tvaerblik serve` stadig kører, og prøv igen.',
    filters: 'Filtre',
    firstRows: 'Viser de første {n} af {total} rækker.',
    hidden: 'skjult',
    hiddenNote:
      '"< {n}" betyder færre end {n} borgere; "x" er skjult, så et lille tal ikke kan regnes ud fra totalerne. Ingen kan genkendes.',
    language: 'Sprog',
    languageName: 'Dansk',
    law: 'Lov',
    legend: 'Forklaring',
    loading: 'Henter data …',
    logScale: 'logaritmisk skala',
    municipality: 'Kommune',
    noTables: 'Lageret har ingen resultater endnu. Kør `tvaerblik run` i arbejdsområdet.',
    notComputed:
      'Denne analyse er ikke beregnet endnu. Kør `tvaerblik run` i arbejdsområdet; siden opdateres af sig selv bagefter.',
    pages: 'Sider',
    period: 'Periode',
    reset: 'Nulstil filtre',
    retry: 'Prøv igen',
    rows: '{n} rækker',
    showTable: 'Vis tabellen bag figuren',
    skip: 'Gå til indhold',
    table: 'Tabel',
    tagline: 'Ydelser og udgifter på tværs af forvaltninger og sektorer',
  },
  sv: {
    age_band: 'Åldersgrupp',
    all: 'Alla',
    allTables: 'Alla tabeller',
    allTablesIntro:
      'Varje tabell som API:t levererar den, klar att ladda ner som CSV eller Excel. Beskrivning av API:t: /api/openapi.json.',
    appTitle: 'Tvärblick',
    chartOf: 'Diagram: {title}. Talen finns i tabellen under diagrammet.',
    closeDrill: 'Stäng',
    dataFrom: 'Data från {time}',
    department: 'Förvaltning',
    download: 'Ladda ner',
    downloadChart: 'Ladda ner diagram',
    downloadTable: 'Ladda ner tabell',
    drillPrompt: 'Se grupperna bakom:',
    drillTitle: 'Grupperna bakom "{value}"',
    empty: 'Inga rader för valda filter. Välj "Alla" i ett filter för att se fler.',
    equality: 'Jämn fördelning',
    error: 'Data kunde inte hämtas: {msg}',
    errorHint: 'Kontrollera att `tvaerblik serve` fortfarande körs och försök igen.',
    filters: 'Filter',
    firstRows: 'Visar de första {n} av {total} rader.',
    hidden: 'dold',
    hiddenNote:
      '"< {n}" betyder färre än {n} personer; "x" är dolt så att ett litet tal inte kan räknas fram ur summorna. Ingen kan kännas igen.',
    language: 'Språk',
    languageName: 'Svenska',
    law: 'Lag',
    legend: 'Förklaring',
    loading: 'Hämtar data …',
    logScale: 'logaritmisk skala',
    municipality: 'Kommun',
    noTables: 'Lagret har inga resultat ännu. Kör `tvaerblik run` i arbetsytan.',
    notComputed:
      'Den här analysen är inte beräknad ännu. Kör `tvaerblik run` i arbetsytan; sidan uppdateras av sig själv efteråt.',
    pages: 'Sidor',
    period: 'Period',
    reset: 'Återställ filter',
    retry: 'Försök igen',
    rows: '{n} rader',
    showTable: 'Visa tabellen bakom diagrammet',
    skip: 'Hoppa till innehåll',
    table: 'Tabell',
    tagline: 'Insatser och kostnader över förvaltnings- och sektorsgränser',
  },
  en: {
    age_band: 'Age band',
    all: 'All',
    allTables: 'All tables',
    allTablesIntro:
      'Every table as the API serves it, ready to download as CSV or Excel. API description: /api/openapi.json.',
    appTitle: 'Tværblik',
    chartOf: 'Chart: {title}. The figures are in the table below the chart.',
    closeDrill: 'Close',
    dataFrom: 'Data from {time}',
    department: 'Department',
    download: 'Download',
    downloadChart: 'Download chart',
    downloadTable: 'Download table',
    drillPrompt: 'See the groups behind:',
    drillTitle: 'The groups behind "{value}"',
    empty: 'No rows for the chosen filters. Choose "All" in a filter to see more.',
    equality: 'Equal distribution',
    error: 'The data could not be loaded: {msg}',
    errorHint: 'Check that `tvaerblik serve` is still running, and try again.',
    filters: 'Filters',
    firstRows: 'Showing the first {n} of {total} rows.',
    hidden: 'hidden',
    hiddenNote:
      '"< {n}" means fewer than {n} persons; "x" is hidden so that a small figure cannot be worked out from the totals. Nobody can be recognised.',
    language: 'Language',
    languageName: 'English',
    law: 'Law',
    legend: 'Legend',
    loading: 'Loading data …',
    logScale: 'logarithmic scale',
    municipality: 'Municipality',
    noTables: 'The warehouse has no results yet. Run `tvaerblik run` in the workspace.',
    notComputed:
      'This analysis has not been computed yet. Run `tvaerblik run` in the workspace; the page updates by itself afterwards.',
    pages: 'Pages',
    period: 'Period',
    reset: 'Reset filters',
    retry: 'Try again',
    rows: '{n} rows',
    showTable: 'Show the table behind the chart',
    skip: 'Skip to content',
    table: 'Table',
    tagline: 'Services and costs across departments and sectors',
  },
};
