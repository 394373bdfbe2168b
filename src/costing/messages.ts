import type { Text } from '../i18n.js';

/** User-facing texts of the costing stage (da default, sv, en). */
export const T = {
  ledgerRow: { da: 'række', sv: 'rad', en: 'row' },
  rulesOnLines: { da: 'regler på linje', sv: 'regler på rad', en: 'rules on lines' },
  period: { da: 'periode', sv: 'period', en: 'period' },
  more: { da: 'flere', sv: 'fler', en: 'more' },
  unmatched: {
    da: '{n} posteringer i regnskabet matcher ingen regel i oversættelsestabellen (i alt {amount}):',
    sv: '{n} rader i redovisningen matchar ingen regel i översättningstabellen (totalt {amount}):',
    en: '{n} ledger lines match no rule in the translation table (total {amount}):',
  },
  unmatchedHint: {
    da: 'tilføj en regel for disse konti/dimensioner (evt. target_type excluded med en begrundelse)',
    sv: 'lägg till en regel för dessa konton/dimensioner (ev. target_type excluded med ett skäl)',
    en: 'add a rule covering these accounts/dimensions (or target_type excluded with a reason)',
  },
  doubly: {
    da: '{n} posteringer matcher flere regler med samme højeste prioritet (i alt {amount}):',
    sv: '{n} rader matchar flera regler med samma högsta prioritet (totalt {amount}):',
    en: '{n} ledger lines match several rules with the same highest priority (total {amount}):',
  },
  doublyHint: {
    da: 'giv den mest specifikke regel en højere prioritet, eller ret mønstrene så kun én regel passer',
    sv: 'ge den mest specifika regeln högre prioritet, eller ändra mönstren så att bara en regel passar',
    en: 'give the more specific rule a higher priority, or narrow the patterns so only one rule fits',
  },
  noCosting: {
    da: 'Arbejdsområdet har ingen costing:-sektion',
    sv: 'Arbetsytan har ingen costing:-sektion',
    en: 'The workspace has no costing: section',
  },
  noCostingHint: {
    da: 'tilføj costing: med translation_table og pools i tvaerblik.yaml (se docs/costing.md)',
    sv: 'lägg till costing: med translation_table och pools i tvaerblik.yaml (se docs/costing.md)',
    en: 'add costing: with translation_table and pools to tvaerblik.yaml (see docs/costing.md)',
  },
  unknownPeriod: {
    da: 'Regnskabet har periode "{period}", som ikke er en periode i tvaerblik.yaml',
    sv: 'Redovisningen har perioden "{period}", som inte finns bland perioderna i tvaerblik.yaml',
    en: 'The ledger has period "{period}", which is not one of the periods in tvaerblik.yaml',
  },
  unknownPeriodHint: {
    da: 'tilføj perioden under periods:, eller ret periode i regnskabsudtrækket',
    sv: 'lägg till perioden under periods:, eller rätta perioden i redovisningsuttaget',
    en: 'add the period under periods:, or correct the ledger extract period',
  },
  reconcileFailed: {
    da: 'Afstemningen går ikke op for {municipality} {period}: regnskab {ledger}, fordelt {attributed}, ikke-henførbart {nonattr}, udeladt {excluded} (forskel {diff})',
    sv: 'Avstämningen går inte ihop för {municipality} {period}: redovisning {ledger}, fördelat {attributed}, ej henförbart {nonattr}, exkluderat {excluded} (skillnad {diff})',
    en: 'Reconciliation fails for {municipality} {period}: ledger {ledger}, attributed {attributed}, non-attributable {nonattr}, excluded {excluded} (difference {diff})',
  },
  reconcileHint: {
    da: 'dette er en fejl i Tværblik; rapportér den venligst med tvaerblik.yaml og oversættelsestabellen',
    sv: 'detta är ett fel i Tværblik; rapportera det gärna med tvaerblik.yaml och översättningstabellen',
    en: 'this is a bug in Tværblik; please report it with tvaerblik.yaml and the translation table',
  },
  priceMissing: {
    da: 'Ingen pris for {code} ({unit}) den {date} i prislisten',
    sv: 'Inget pris för {code} ({unit}) den {date} i prislistan',
    en: 'No price for {code} ({unit}) on {date} in the price list',
  },
  priceMissingHint: {
    da: 'tilføj en række i prislisten med catalogue_code, unit, price, valid_from, valid_to der dækker datoen',
    sv: 'lägg till en rad i prislistan med catalogue_code, unit, price, valid_from, valid_to som täcker datumet',
    en: 'add a price-list row (catalogue_code, unit, price, valid_from, valid_to) covering the date',
  },
  stepMatch: { da: 'Matcher regnskab', sv: 'Matchar redovisning', en: 'Matching ledger' },
  stepVolume: {
    da: 'Fordeler volumen på perioder',
    sv: 'Fördelar volym på perioder',
    en: 'Prorating volumes',
  },
  stepPools: {
    da: 'Fordeler fællesomkostninger',
    sv: 'Fördelar gemensamma kostnader',
    en: 'Allocating common pools',
  },
  stepPersons: {
    da: 'Beregner omkostning pr. borger',
    sv: 'Beräknar kostnad per brukare',
    en: 'Costing persons',
  },
  stepReconcile: { da: 'Afstemmer', sv: 'Stämmer av', en: 'Reconciling' },
  progress: { da: 'Omkostningsberegning', sv: 'Kostnadsberäkning', en: 'Costing' },
  done: {
    da: 'Omkostninger beregnet for {persons} borgere i {periods} perioder: {attributed} fordelt på borgere, {nonattr} ikke-henførbart, {excluded} udeladt — afstemt til øret med regnskabet ({ledger}).',
    sv: 'Kostnader beräknade för {persons} brukare i {periods} perioder: {attributed} fördelat på brukare, {nonattr} ej henförbart, {excluded} exkluderat — avstämt på öret mot redovisningen ({ledger}).',
    en: 'Costs computed for {persons} persons in {periods} periods: {attributed} attributed to persons, {nonattr} non-attributable, {excluded} excluded — reconciled to the øre with the ledger ({ledger}).',
  },
  poolsHeading: {
    da: 'Fællesomkostninger og fordelingsnøgler:',
    sv: 'Gemensamma kostnader och fördelningsnycklar:',
    en: 'Common pools and allocation keys:',
  },
  unitHeading: { da: 'Enhedsomkostninger:', sv: 'Styckkostnader:', en: 'Unit costs:' },
  keyFigHeading: { da: 'Nøgletal:', sv: 'Nyckeltal:', en: 'Key figures:' },
  keyFigWritten: {
    da: 'Nøgletal skrevet til {file}',
    sv: 'Nyckeltal skrivna till {file}',
    en: 'Key figures written to {file}',
  },
  warnNoAmount: {
    da: '{code} {period} {municipality}: {n} ydelsesrækker med metoden record_amount har intet beløb (regnet som 0)',
    sv: '{code} {period} {municipality}: {n} insatsrader med metoden record_amount saknar belopp (räknat som 0)',
    en: '{code} {period} {municipality}: {n} service rows with method record_amount have no amount (counted as 0)',
  },
  warnNoBase: {
    da: '{period} {municipality}: puljen {pool} har intet grundlag for sin fordelingsnøgle; opgjort som ikke-henførbar',
    sv: '{period} {municipality}: poolen {pool} saknar underlag för sin fördelningsnyckel; redovisas som ej henförbar',
    en: '{period} {municipality}: pool {pool} has no base for its key; reported as non-attributable',
  },
  warnNoVolume: {
    da: '{period} {municipality}: {code} har omkostninger ({amount}) men ingen volumen; opgjort som ikke-henførbar',
    sv: '{period} {municipality}: {code} har kostnader ({amount}) men ingen volym; redovisas som ej henförbar',
    en: '{period} {municipality}: {code} has cost ({amount}) but no volume; reported as non-attributable',
  },
  warnNoCost: {
    da: '{period} {municipality}: {code} har volumen men ingen omkostninger i regnskabet',
    sv: '{period} {municipality}: {code} har volym men inga kostnader i redovisningen',
    en: '{period} {municipality}: {code} has volume but no cost in the ledger',
  },
  purposeMissing: {
    da: 'Eksport af omkostninger pr. borger kræver et formål (--purpose "…", mindst 10 tegn)',
    sv: 'Export av kostnader per person kräver ett syfte (--purpose "…", minst 10 tecken)',
    en: 'The person-level cost export needs a purpose (--purpose "…", at least 10 characters)',
  },
  purposeId: {
    da: 'Formålet ser ud til at indeholde et personnummer; det logges og må ikke indeholde id’er',
    sv: 'Syftet verkar innehålla ett personnummer; det loggas och får inte innehålla id:n',
    en: 'The purpose seems to contain a person id; it is logged and must not contain ids',
  },
  purposeHint: {
    da: 'skriv hvad udtrækket skal bruges til, fx --purpose "KPB-indberetning 2024, kontrol af hjemmepleje"',
    sv: 'skriv vad uttaget ska användas till, t.ex. --purpose "KPB individrapportering 2024, kontroll av hemtjänst"',
    en: 'say what the export is for, e.g. --purpose "KPB individual reporting 2024, home-care check"',
  },
  purposeNeedsFile: {
    da: '--purpose bruges kun sammen med --export-persons FIL',
    sv: '--purpose används bara tillsammans med --export-persons FIL',
    en: '--purpose is only used with --export-persons FILE',
  },
  exportFormat: {
    da: 'Eksportfilen "{file}" skal ende på .csv eller .parquet',
    sv: 'Exportfilen "{file}" måste sluta på .csv eller .parquet',
    en: 'The export file "{file}" must end in .csv or .parquet',
  },
  exportFormatHint: {
    da: 'fx --export-persons udtræk/kpb-2024.parquet',
    sv: 't.ex. --export-persons uttag/kpb-2024.parquet',
    en: 'e.g. --export-persons exports/kpb-2024.parquet',
  },
  exportRawId: {
    da: '{n} rækker i cost_person har en personnøgle, der ligner et rå personnummer; intet er eksporteret',
    sv: '{n} rader i cost_person har en personnyckel som liknar ett personnummer i klartext; inget har exporterats',
    en: '{n} rows of cost_person have a person key shaped like a raw person id; nothing was exported',
  },
  exportRawIdHint: {
    da: 'personnøgler skal være pseudonymer; genindlæs kilden med tvaerblik import (se docs/person-ids.md)',
    sv: 'personnycklar ska vara pseudonymer; läs in källan igen med tvaerblik import (se docs/person-ids.md)',
    en: 'person keys must be pseudonyms; re-import the source with tvaerblik import (see docs/person-ids.md)',
  },
  exportWritten: {
    da: 'Omkostninger pr. borger eksporteret til {file}: {rows} rækker; eksporten er logget med formålet i cost_export_log og {log}',
    sv: 'Kostnader per person exporterade till {file}: {rows} rader; exporten är loggad med syftet i cost_export_log och {log}',
    en: 'Person-level costs exported to {file}: {rows} rows; the export is logged with its purpose in cost_export_log and {log}',
  },
} satisfies Record<string, Text>;
