// Generated from locales/web/{da,sv,en}.json by tools/web-texts.ts (`npm run build`); do not edit.
// To change a dashboard text, edit the catalogues and run `npx tsx tools/web-texts.ts`.

export type UiKey =
  | 'activeFilters'
  | 'age_band'
  | 'all'
  | 'allColumns'
  | 'allTables'
  | 'allTablesIntro'
  | 'appTitle'
  | 'areaAdmin'
  | 'areaAudit'
  | 'areaCluster'
  | 'areaOverview'
  | 'areaQueue'
  | 'areas'
  | 'benchmarkExpected'
  | 'benchmarkGroup'
  | 'benchmarkIndex'
  | 'benchmarkIndexReading'
  | 'benchmarkLatest'
  | 'benchmarkReading'
  | 'benchmarkTitle'
  | 'benchmarkTrendReading'
  | 'benchmarkTrendTitle'
  | 'chartOf'
  | 'chooseSeveral'
  | 'chosenFilters'
  | 'chosenIn'
  | 'closeDrill'
  | 'compareCaption'
  | 'compareChart'
  | 'compareFigure'
  | 'compareIntro'
  | 'comparePage'
  | 'compareTable'
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
  | 'hiddenSecondary'
  | 'hiddenSmall'
  | 'language'
  | 'languageName'
  | 'law'
  | 'legend'
  | 'lineageCatalogue'
  | 'lineageConfig'
  | 'lineageCostRun'
  | 'lineageDownload'
  | 'lineageFile'
  | 'lineageFileRows'
  | 'lineageHash'
  | 'lineageImportedAt'
  | 'lineageModel'
  | 'lineageNoPerson'
  | 'lineageNoRules'
  | 'lineageNoSources'
  | 'lineageOpen'
  | 'lineagePanel'
  | 'lineagePool'
  | 'lineagePriceList'
  | 'lineageReads'
  | 'lineageRowsLoaded'
  | 'lineageRowsUsed'
  | 'lineageRules'
  | 'lineageSelected'
  | 'lineageSourceTable'
  | 'lineageSources'
  | 'lineageStage'
  | 'lineageSuppression'
  | 'lineageSuppressionText'
  | 'lineageTitle'
  | 'lineageTranslation'
  | 'lineageUpstream'
  | 'lineageWithheld'
  | 'lineageWithheldNote'
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
  | 'signOut'
  | 'signedInAs'
  | 'skip'
  | 'stage_analysis'
  | 'stage_costing'
  | 'stage_ingest'
  | 'stage_trajectories'
  | 'table'
  | 'tagline'
  | 'viewName';

/** The dashboard texts per language, `{name}` placeholders and plurals filled by t() in i18n.ts. */
export const MESSAGES: Record<'da' | 'sv' | 'en', Record<UiKey, string>> = {
  da: {
    activeFilters: 'Aktive filtre',
    age_band: 'Aldersgruppe',
    all: 'Alle',
    allColumns: 'Vis alle kolonner',
    allTables: 'Alle tabeller',
    allTablesIntro:
      'Hver tabel som API’et leverer den, klar til download som CSV eller Excel. Beskrivelse af API’et: /api/openapi.json.',
    appTitle: 'Tværblik',
    areaAdmin: 'Brugere og roller',
    areaAudit: 'Revisionsspor',
    areaCluster: 'Klyngens økonomi',
    areaOverview: 'Sagsoverblik',
    areaQueue: 'Anmodninger til mig',
    areas: 'Områder',
    benchmarkExpected: '1 = som forventet',
    benchmarkGroup: 'Gruppen i {period}: {n, plural, one {# kommune} other {# kommuner}}.',
    benchmarkIndex: 'Indeks: faktisk / forventet udgift',
    benchmarkIndexReading:
      'Den stiplede linje ved 1 er den udgift aldersfordelingen forklarer. Over 1: dyrere end aldersfordelingen forklarer; under 1: billigere.',
    benchmarkLatest: 'Figuren viser {period}; tabellen alle valgte perioder.',
    benchmarkReading:
      'Udgift pr. indbygger mod den forventede (den udgift kommunen ville have med gruppens udgift pr. indbygger i hver aldersgruppe) og gruppens. Gruppen er alle kommuner i perioden. Klik på en kommune for at filtrere de andre paneler.',
    benchmarkTitle: 'Aldersstandardiseret benchmark',
    benchmarkTrendReading:
      'Udgift pr. indbygger og indeks pr. kommune periode for periode; tabellen giver ændringen mod forrige periode i kroner og procent. Et tal der er skjult i den ene periode, er også skjult i den næste.',
    benchmarkTrendTitle: 'Benchmark over tid',
    chartOf: 'Figur: {title}. Tallene står i tabellen under figuren.',
    chooseSeveral: 'Vælg flere',
    chosenFilters: 'Valgte filtre',
    chosenIn: 'valgt i {panel}',
    closeDrill: 'Luk',
    compareCaption: '{figure}: kommune × periode',
    compareChart: '{figure} over tid',
    compareFigure: 'Vælg nøgletal',
    compareIntro:
      'Kommuner og perioder side om side: et aldersstandardiseret benchmark (udgift pr. indbygger mod den forventede ud fra kommunens aldersfordeling), udviklingen mod forrige periode, og et valgfrit nøgletal med kommuner som rækker og perioder som kolonner. Siden åbner med alle kommuner og perioder; indsnævr med filtrene.',
    comparePage: 'Sammenligning',
    compareTable: 'Nøgletal pr. kommune og periode',
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
    firstRows: 'Viser de første {n} af {total, plural, one {# række} other {# rækker}}.',
    hidden: 'skjult',
    hiddenNote:
      '"< {n}" betyder færre end {n} borgere; "x" er skjult, så et lille tal ikke kan regnes ud fra totalerne. Ingen kan genkendes.',
    hiddenSecondary: 'skjult, så et lille tal ikke kan regnes ud fra de andre',
    hiddenSmall: 'skjult: bygger på færre end {n, plural, one {# borger} other {# borgere}}',
    language: 'Sprog',
    languageName: 'Dansk',
    law: 'Lov',
    legend: 'Forklaring',
    lineageCatalogue: 'Ydelseskatalog: {id} {version}',
    lineageConfig: 'Konfigurationens kontrolsum (tvaerblik.yaml)',
    lineageCostRun: 'Omkostningskørsel: {time} ({status})',
    lineageDownload: 'Hent sporet (JSON)',
    lineageFile: 'Fil',
    lineageFileRows: 'Rækker i filen',
    lineageHash: 'Kontrolsum (SHA-256)',
    lineageImportedAt: 'Indlæst',
    lineageModel: 'Beregnet af',
    lineageNoPerson: 'Sporet indeholder kun aggregater og oplysninger om filerne – ingen personer.',
    lineageNoRules: 'Ingen omkostningsregler: tallet bygger ikke på omkostningsberegningen.',
    lineageNoSources: 'Ingen indlæsninger registreret for kildetabellerne.',
    lineageOpen: 'Hvor kommer tallet fra?',
    lineagePanel: 'Hvor kommer tallene fra?',
    lineagePool: 'Pulje {id}: {kind}, fordelt efter {key}',
    lineagePriceList: 'Prisliste',
    lineageReads: 'Læser tabellerne',
    lineageRowsLoaded: 'Rækker indlæst',
    lineageRowsUsed: 'Rækker brugt',
    lineageRules: 'Regler',
    lineageSelected:
      'Tallets rækker: {rows}, heraf {shown} vist, {small} for små og {secondary} skjult for at beskytte andre.',
    lineageSourceTable: 'Kildetabel',
    lineageSources: 'Kildeudtræk',
    lineageStage: 'Trin: {stage}. Tabel: {table}.',
    lineageSuppression: 'Diskretionering',
    lineageSuppressionText:
      'Celler med færre end {threshold} borgere skjules. Tabellen har {rows} rækker og {hidden} skjulte celler: {small} rækker er for små, {secondary} er skjult for at beskytte andre.',
    lineageTitle: 'Hvor kommer tallet fra: {figure}',
    lineageTranslation: 'Oversættelsestabel',
    lineageUpstream: 'Bygger på (mellemtrin)',
    lineageWithheld: 'tilbageholdt',
    lineageWithheldNote:
      'Tallets række er skjult af diskretioneringen, så antallet af brugte rækker tilbageholdes.',
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
    rows: '{n, plural, one {# række} other {# rækker}}',
    saveView: 'Gem visningen',
    savedViews: 'Gemte visninger',
    showTable: 'Vis tabellen bag figuren',
    signOut: 'Log ud',
    signedInAs: 'Logget ind som {username}',
    skip: 'Gå til indhold',
    stage_analysis: 'analyse',
    stage_costing: 'omkostningsberegning',
    stage_ingest: 'indlæsning',
    stage_trajectories: 'forløb',
    table: 'Tabel',
    tagline: 'Ydelser og udgifter på tværs af forvaltninger og sektorer',
    viewName: 'Navn på visningen',
  },
  sv: {
    activeFilters: 'Aktiva filter',
    age_band: 'Åldersgrupp',
    all: 'Alla',
    allColumns: 'Visa alla kolumner',
    allTables: 'Alla tabeller',
    allTablesIntro:
      'Varje tabell som API:t levererar den, klar att ladda ner som CSV eller Excel. Beskrivning av API:t: /api/openapi.json.',
    appTitle: 'Tvärblick',
    areaAdmin: 'Användare och roller',
    areaAudit: 'Granskningslogg',
    areaCluster: 'Klustrets ekonomi',
    areaOverview: 'Ärendeöversikt',
    areaQueue: 'Förfrågningar till mig',
    areas: 'Områden',
    benchmarkExpected: '1 = som förväntat',
    benchmarkGroup: 'Gruppen {period}: {n, plural, one {# kommun} other {# kommuner}}.',
    benchmarkIndex: 'Index: faktisk / förväntad kostnad',
    benchmarkIndexReading:
      'Den streckade linjen vid 1 är den kostnad åldersstrukturen förklarar. Över 1: dyrare än åldersstrukturen förklarar; under 1: billigare.',
    benchmarkLatest: 'Diagrammet visar {period}; tabellen alla valda perioder.',
    benchmarkReading:
      'Kostnad per invånare mot den förväntade (den kostnad kommunen skulle ha med gruppens kostnad per invånare i varje åldersgrupp) och gruppens. Gruppen är alla kommuner under perioden. Klicka på en kommun för att filtrera de andra panelerna.',
    benchmarkTitle: 'Åldersstandardiserad jämförelse',
    benchmarkTrendReading:
      'Kostnad per invånare och index per kommun period för period; tabellen ger förändringen mot föregående period i kronor och procent. Ett tal som är dolt i en period är dolt även i nästa.',
    benchmarkTrendTitle: 'Jämförelse över tid',
    chartOf: 'Diagram: {title}. Talen finns i tabellen under diagrammet.',
    chooseSeveral: 'Välj flera',
    chosenFilters: 'Valda filter',
    chosenIn: 'valt i {panel}',
    closeDrill: 'Stäng',
    compareCaption: '{figure}: kommun × period',
    compareChart: '{figure} över tid',
    compareFigure: 'Välj nyckeltal',
    compareIntro:
      'Kommuner och perioder sida vid sida: en åldersstandardiserad jämförelse (kostnad per invånare mot den förväntade utifrån kommunens åldersstruktur), förändringen mot föregående period och ett valfritt nyckeltal med kommuner som rader och perioder som kolumner. Sidan öppnas med alla kommuner och perioder; avgränsa med filtren.',
    comparePage: 'Jämförelse',
    compareTable: 'Nyckeltal per kommun och period',
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
    firstRows: 'Visar de första {n} av {total, plural, one {# rad} other {# rader}}.',
    hidden: 'dold',
    hiddenNote:
      '"< {n}" betyder färre än {n} personer; "x" är dolt så att ett litet tal inte kan räknas fram ur summorna. Ingen kan kännas igen.',
    hiddenSecondary: 'dold, så att ett litet tal inte kan räknas fram ur de andra',
    hiddenSmall: 'dold: bygger på färre än {n, plural, one {# person} other {# personer}}',
    language: 'Språk',
    languageName: 'Svenska',
    law: 'Lag',
    legend: 'Förklaring',
    lineageCatalogue: 'Insatskatalog: {id} {version}',
    lineageConfig: 'Konfigurationens kontrollsumma (tvaerblik.yaml)',
    lineageCostRun: 'Kostnadskörning: {time} ({status})',
    lineageDownload: 'Ladda ner spåret (JSON)',
    lineageFile: 'Fil',
    lineageFileRows: 'Rader i filen',
    lineageHash: 'Kontrollsumma (SHA-256)',
    lineageImportedAt: 'Inläst',
    lineageModel: 'Beräknat av',
    lineageNoPerson: 'Spåret innehåller bara aggregat och uppgifter om filerna – inga personer.',
    lineageNoRules: 'Inga kostnadsregler: talet bygger inte på kostnadsberäkningen.',
    lineageNoSources: 'Inga inläsningar registrerade för källtabellerna.',
    lineageOpen: 'Var kommer talet ifrån?',
    lineagePanel: 'Var kommer talen ifrån?',
    lineagePool: 'Pool {id}: {kind}, fördelad efter {key}',
    lineagePriceList: 'Prislista',
    lineageReads: 'Läser tabellerna',
    lineageRowsLoaded: 'Rader inlästa',
    lineageRowsUsed: 'Rader använda',
    lineageRules: 'Regler',
    lineageSelected:
      'Talets rader: {rows}, varav {shown} visade, {small} för små och {secondary} dolda för att skydda andra.',
    lineageSourceTable: 'Källtabell',
    lineageSources: 'Källuttag',
    lineageStage: 'Steg: {stage}. Tabell: {table}.',
    lineageSuppression: 'Röjandekontroll',
    lineageSuppressionText:
      'Celler med färre än {threshold} personer döljs. Tabellen har {rows} rader och {hidden} dolda celler: {small} rader är för små, {secondary} är dolda för att skydda andra.',
    lineageTitle: 'Var kommer talet ifrån: {figure}',
    lineageTranslation: 'Översättningstabell',
    lineageUpstream: 'Bygger på (mellansteg)',
    lineageWithheld: 'undanhållet',
    lineageWithheldNote: 'Talets rad är dold av röjandekontrollen, så antalet använda rader undanhålls.',
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
    rows: '{n, plural, one {# rad} other {# rader}}',
    saveView: 'Spara vyn',
    savedViews: 'Sparade vyer',
    showTable: 'Visa tabellen bakom diagrammet',
    signOut: 'Logga ut',
    signedInAs: 'Inloggad som {username}',
    skip: 'Hoppa till innehåll',
    stage_analysis: 'analys',
    stage_costing: 'kostnadsberäkning',
    stage_ingest: 'inläsning',
    stage_trajectories: 'vårdförlopp',
    table: 'Tabell',
    tagline: 'Insatser och kostnader över förvaltnings- och sektorsgränser',
    viewName: 'Vyns namn',
  },
  en: {
    activeFilters: 'Active filters',
    age_band: 'Age band',
    all: 'All',
    allColumns: 'Show every column',
    allTables: 'All tables',
    allTablesIntro:
      'Every table as the API serves it, ready to download as CSV or Excel. API description: /api/openapi.json.',
    appTitle: 'Tværblik',
    areaAdmin: 'Users and roles',
    areaAudit: 'Audit trail',
    areaCluster: "The cluster's economy",
    areaOverview: 'Case overview',
    areaQueue: 'Requests to me',
    areas: 'Areas',
    benchmarkExpected: '1 = as expected',
    benchmarkGroup: 'The group in {period}: {n, plural, one {# municipality} other {# municipalities}}.',
    benchmarkIndex: 'Index: actual / expected cost',
    benchmarkIndexReading:
      'The dashed line at 1 is the cost the age structure explains. Above 1: dearer than the age structure explains; below 1: cheaper.',
    benchmarkLatest: 'The chart shows {period}; the table every chosen period.',
    benchmarkReading:
      'Cost per inhabitant against the expected (the cost the municipality would have at the group’s cost per inhabitant in each age group) and the group’s. The group is every municipality of the period. Click a municipality to filter the other panels.',
    benchmarkTitle: 'Age-standardised benchmark',
    benchmarkTrendReading:
      'Cost per inhabitant and the index per municipality period by period; the table gives the change against the previous period in kroner and per cent. A figure hidden in one period is hidden in the next one too.',
    benchmarkTrendTitle: 'Benchmark over time',
    chartOf: 'Chart: {title}. The figures are in the table below the chart.',
    chooseSeveral: 'Choose several',
    chosenFilters: 'Chosen filters',
    chosenIn: 'chosen in {panel}',
    closeDrill: 'Close',
    compareCaption: '{figure}: municipality × period',
    compareChart: '{figure} over time',
    compareFigure: 'Choose a key figure',
    compareIntro:
      'Municipalities and periods side by side: an age-standardised benchmark (cost per inhabitant against the cost expected from the municipality’s age structure), the change against the previous period, and a chosen key figure with municipalities as rows and periods as columns. The page opens with every municipality and period; narrow it with the filters.',
    comparePage: 'Comparison',
    compareTable: 'Key figure by municipality and period',
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
    firstRows: 'Showing the first {n} of {total, plural, one {# row} other {# rows}}.',
    hidden: 'hidden',
    hiddenNote:
      '"< {n}" means fewer than {n} persons; "x" is hidden so that a small figure cannot be worked out from the totals. Nobody can be recognised.',
    hiddenSecondary: 'hidden so that a small figure cannot be worked out from the others',
    hiddenSmall: 'hidden: rests on fewer than {n, plural, one {# person} other {# persons}}',
    language: 'Language',
    languageName: 'English',
    law: 'Law',
    legend: 'Legend',
    lineageCatalogue: 'Service catalogue: {id} {version}',
    lineageConfig: 'Checksum of the configuration (tvaerblik.yaml)',
    lineageCostRun: 'Costing run: {time} ({status})',
    lineageDownload: 'Download the trail (JSON)',
    lineageFile: 'File',
    lineageFileRows: 'Rows of the file',
    lineageHash: 'Checksum (SHA-256)',
    lineageImportedAt: 'Imported',
    lineageModel: 'Computed by',
    lineageNoPerson: 'The trail holds only aggregates and facts about the files – no person.',
    lineageNoRules: 'No costing rules: the figure does not rest on costing.',
    lineageNoSources: 'No imports recorded for the source tables.',
    lineageOpen: 'Where does this number come from?',
    lineagePanel: 'Where do these numbers come from?',
    lineagePool: 'Pool {id}: {kind}, allocated by {key}',
    lineagePriceList: 'Price list',
    lineageReads: 'Reads the tables',
    lineageRowsLoaded: 'Rows loaded',
    lineageRowsUsed: 'Rows used',
    lineageRules: 'Rules',
    lineageSelected:
      'The figure’s rows: {rows}, of which {shown} shown, {small} too small and {secondary} hidden to protect others.',
    lineageSourceTable: 'Source table',
    lineageSources: 'Source extracts',
    lineageStage: 'Stage: {stage}. Table: {table}.',
    lineageSuppression: 'Suppression',
    lineageSuppressionText:
      'Cells with fewer than {threshold} persons are hidden. The table has {rows} rows and {hidden} hidden cells: {small} rows are too small, {secondary} are hidden to protect others.',
    lineageTitle: 'Where does this number come from: {figure}',
    lineageTranslation: 'Translation table',
    lineageUpstream: 'Rests on (intermediate steps)',
    lineageWithheld: 'withheld',
    lineageWithheldNote: 'The figure’s row is hidden by suppression, so the number of rows used is withheld.',
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
    rows: '{n, plural, one {# row} other {# rows}}',
    saveView: 'Save the view',
    savedViews: 'Saved views',
    showTable: 'Show the table behind the chart',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {username}',
    skip: 'Skip to content',
    stage_analysis: 'analysis',
    stage_costing: 'costing',
    stage_ingest: 'import',
    stage_trajectories: 'trajectories',
    table: 'Table',
    tagline: 'Services and costs across departments and sectors',
    viewName: 'Name of the view',
  },
};
