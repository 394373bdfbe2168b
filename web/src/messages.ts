// Generated from locales/web/{da,sv,en}.json by tools/web-texts.ts (`npm run build`); do not edit.
// To change a dashboard text, edit the catalogues and run `npx tsx tools/web-texts.ts`.

export type UiKey =
  | 'activeFilters'
  | 'age_band'
  | 'all'
  | 'allTables'
  | 'allTablesIntro'
  | 'appTitle'
  | 'chartOf'
  | 'chooseSeveral'
  | 'chosenFilters'
  | 'chosenIn'
  | 'closeDrill'
  | 'crossFilter'
  | 'crossHint'
  | 'crossNone'
  | 'dataFrom'
  | 'deleteView'
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
  | 'nChosen'
  | 'noTables'
  | 'noViews'
  | 'notComputed'
  | 'pages'
  | 'period'
  | 'print'
  | 'removeFilter'
  | 'reset'
  | 'retry'
  | 'rows'
  | 'saveView'
  | 'savedViews'
  | 'showTable'
  | 'skip'
  | 'table'
  | 'tagline'
  | 'viewName';

/** The dashboard texts per language, `{name}` placeholders filled by t() in i18n.ts. */
export const MESSAGES: Record<'da' | 'sv' | 'en', Record<UiKey, string>> = {
  da: {
    activeFilters: 'Aktive filtre',
    age_band: 'Aldersgruppe',
    all: 'Alle',
    allTables: 'Alle tabeller',
    allTablesIntro:
      'Hver tabel som API’et leverer den, klar til download som CSV eller Excel. Beskrivelse af API’et: /api/openapi.json.',
    appTitle: 'Tværblik',
    chartOf: 'Figur: {title}. Tallene står i tabellen under figuren.',
    chooseSeveral: 'Vælg flere',
    chosenFilters: 'Valgte filtre',
    chosenIn: 'valgt i {panel}',
    closeDrill: 'Luk',
    crossFilter: 'Filtrér de andre paneler efter {column}',
    crossHint: 'Klik på en søjle for at filtrere de andre paneler.',
    crossNone: '– intet filter –',
    dataFrom: 'Data fra {time}',
    deleteView: 'Slet {name}',
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
    nChosen: '{n} valgt',
    noTables: 'Lageret har ingen resultater endnu. Kør `tvaerblik run` i arbejdsområdet.',
    noViews: 'Ingen gemte visninger endnu. De gemmes i denne browser.',
    notComputed:
      'Denne analyse er ikke beregnet endnu. Kør `tvaerblik run` i arbejdsområdet; siden opdateres af sig selv bagefter.',
    pages: 'Sider',
    period: 'Periode',
    print: 'Udskriv / gem som PDF',
    removeFilter: 'Fjern filteret {filter}',
    reset: 'Nulstil filtre',
    retry: 'Prøv igen',
    rows: '{n} rækker',
    saveView: 'Gem visningen',
    savedViews: 'Gemte visninger',
    showTable: 'Vis tabellen bag figuren',
    skip: 'Gå til indhold',
    table: 'Tabel',
    tagline: 'Ydelser og udgifter på tværs af forvaltninger og sektorer',
    viewName: 'Navn på visningen',
  },
  sv: {
    activeFilters: 'Aktiva filter',
    age_band: 'Åldersgrupp',
    all: 'Alla',
    allTables: 'Alla tabeller',
    allTablesIntro:
      'Varje tabell som API:t levererar den, klar att ladda ner som CSV eller Excel. Beskrivning av API:t: /api/openapi.json.',
    appTitle: 'Tvärblick',
    chartOf: 'Diagram: {title}. Talen finns i tabellen under diagrammet.',
    chooseSeveral: 'Välj flera',
    chosenFilters: 'Valda filter',
    chosenIn: 'valt i {panel}',
    closeDrill: 'Stäng',
    crossFilter: 'Filtrera de andra panelerna efter {column}',
    crossHint: 'Klicka på en stapel för att filtrera de andra panelerna.',
    crossNone: '– inget filter –',
    dataFrom: 'Data från {time}',
    deleteView: 'Ta bort {name}',
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
    nChosen: '{n} valda',
    noTables: 'Lagret har inga resultat ännu. Kör `tvaerblik run` i arbetsytan.',
    noViews: 'Inga sparade vyer ännu. De sparas i den här webbläsaren.',
    notComputed:
      'Den här analysen är inte beräknad ännu. Kör `tvaerblik run` i arbetsytan; sidan uppdateras av sig själv efteråt.',
    pages: 'Sidor',
    period: 'Period',
    print: 'Skriv ut / spara som PDF',
    removeFilter: 'Ta bort filtret {filter}',
    reset: 'Återställ filter',
    retry: 'Försök igen',
    rows: '{n} rader',
    saveView: 'Spara vyn',
    savedViews: 'Sparade vyer',
    showTable: 'Visa tabellen bakom diagrammet',
    skip: 'Hoppa till innehåll',
    table: 'Tabell',
    tagline: 'Insatser och kostnader över förvaltnings- och sektorsgränser',
    viewName: 'Vyns namn',
  },
  en: {
    activeFilters: 'Active filters',
    age_band: 'Age band',
    all: 'All',
    allTables: 'All tables',
    allTablesIntro:
      'Every table as the API serves it, ready to download as CSV or Excel. API description: /api/openapi.json.',
    appTitle: 'Tværblik',
    chartOf: 'Chart: {title}. The figures are in the table below the chart.',
    chooseSeveral: 'Choose several',
    chosenFilters: 'Chosen filters',
    chosenIn: 'chosen in {panel}',
    closeDrill: 'Close',
    crossFilter: 'Filter the other panels by {column}',
    crossHint: 'Click a bar to filter the other panels.',
    crossNone: '– no filter –',
    dataFrom: 'Data from {time}',
    deleteView: 'Delete {name}',
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
    nChosen: '{n} chosen',
    noTables: 'The warehouse has no results yet. Run `tvaerblik run` in the workspace.',
    noViews: 'No saved views yet. They are kept in this browser.',
    notComputed:
      'This analysis has not been computed yet. Run `tvaerblik run` in the workspace; the page updates by itself afterwards.',
    pages: 'Pages',
    period: 'Period',
    print: 'Print / save as PDF',
    removeFilter: 'Remove the filter {filter}',
    reset: 'Reset filters',
    retry: 'Try again',
    rows: '{n} rows',
    saveView: 'Save the view',
    savedViews: 'Saved views',
    showTable: 'Show the table behind the chart',
    skip: 'Skip to content',
    table: 'Table',
    tagline: 'Services and costs across departments and sectors',
    viewName: 'Name of the view',
  },
};
