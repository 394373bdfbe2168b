import type { Text } from '../i18n.js';

/** Texts of config errors (tvaerblik.yaml), in Danish, Swedish and English. */
export const M = {
  noWorkspace: {
    da: 'Ingen konfiguration for et arbejdsområde fundet: {file}',
    sv: 'Ingen konfiguration för en arbetsyta hittades: {file}',
    en: 'No workspace config found: {file}',
  },
  noWorkspaceHint: {
    da: 'kør `tvaerblik init MAPPE` for at oprette et arbejdsområde, eller angiv --workspace MAPPE',
    sv: 'kör `tvaerblik init MAPP` för att skapa en arbetsyta, eller ange --workspace MAPP',
    en: 'run `tvaerblik init DIR` to create a workspace, or pass --workspace DIR',
  },
  notYaml: {
    da: 'Konfigurationen er ikke gyldig YAML: {detail}',
    sv: 'Konfigurationen är inte giltig YAML: {detail}',
    en: 'The config is not valid YAML: {detail}',
  },
  notYamlHint: {
    da: 'tjek indrykning og anførselstegn på den linje',
    sv: 'kontrollera indrag och citattecken på den raden',
    en: 'check indentation and quoting on that line',
  },
  invalid: {
    da: 'Ugyldig værdi i konfigurationen for "{key}": {value}',
    sv: 'Ogiltigt värde i konfigurationen för "{key}": {value}',
    en: 'Invalid config value for "{key}": {value}',
  },
  missing: { da: 'mangler', sv: 'saknas', en: 'missing' },
  unknownKey: {
    da: 'Ukendt nøgle "{key}" i konfigurationen',
    sv: 'Okänd nyckel "{key}" i konfigurationen',
    en: 'Unknown key "{key}" in the config',
  },
  didYouMean: { da: 'mente du "{s}"?', sv: 'menade du "{s}"?', en: 'did you mean "{s}"?' },
  validKeys: { da: 'gyldige nøgler: {list}', sv: 'giltiga nycklar: {list}', en: 'valid keys: {list}' },
  useOneOf: { da: 'brug en af: {list}', sv: 'använd en av: {list}', en: 'use one of: {list}' },
  seeDocs: {
    da: 'se docs/config.md for alle nøgler',
    sv: 'se docs/config.md för alla nycklar',
    en: 'see docs/config.md for every key',
  },
  expected: {
    da: 'forventede {type}',
    sv: 'förväntade {type}',
    en: 'expected {type}',
  },
  required: {
    da: 'nøglen skal angives ({type})',
    sv: 'nyckeln måste anges ({type})',
    en: 'the key is required ({type})',
  },
  tooSmall: {
    da: 'mindst {min}',
    sv: 'minst {min}',
    en: 'at least {min}',
  },
  tooBig: {
    da: 'højst {max}',
    sv: 'högst {max}',
    en: 'at most {max}',
  },
  tooFewItems: {
    da: 'listen skal have mindst {min} element(er)',
    sv: 'listan måste ha minst {min} element',
    en: 'the list needs at least {min} item(s)',
  },
  notInteger: { da: 'skal være et heltal', sv: 'måste vara ett heltal', en: 'must be a whole number' },
  // cross references, checked after parsing
  unknownCheck: {
    da: 'Ukendt datakvalitetstjek "{id}" for kilden "{source}"',
    sv: 'Okänd datakvalitetskontroll "{id}" för källan "{source}"',
    en: 'Unknown data-quality check "{id}" for source "{source}"',
  },
  unknownField: {
    da: 'Feltet "{field}" findes ikke i tabellen {target}',
    sv: 'Fältet "{field}" finns inte i tabellen {target}',
    en: 'The field "{field}" does not exist in table {target}',
  },
  ignoredOption: {
    da: '"{option}" har ingen virkning på feltet "{field}" ({type})',
    sv: '"{option}" har ingen verkan på fältet "{field}" ({type})',
    en: '"{option}" has no effect on the field "{field}" ({type})',
  },
  ignoredOptionHint: {
    da: 'fjern "{option}"; den bruges kun af {types}',
    sv: 'ta bort "{option}"; den används bara av {types}',
    en: 'remove "{option}"; only {types} use it',
  },
  valuesWithExpr: {
    da: 'fjern "values": et udtryk (expr) giver et tal, som ikke oversættes',
    sv: 'ta bort "values": ett uttryck (expr) ger ett tal som inte översätts',
    en: 'remove "values": an expression (expr) gives a number, which is not translated',
  },
  notAllowed: {
    da: '"{value}" er ikke en tilladt værdi for feltet "{field}"',
    sv: '"{value}" är inte ett tillåtet värde för fältet "{field}"',
    en: '"{value}" is not an allowed value of the field "{field}"',
  },
  unknownPeriod: {
    da: 'Kilden "{source}" nævner perioden "{value}", som ikke står under periods',
    sv: 'Källan "{source}" anger perioden "{value}", som inte finns under periods',
    en: 'Source "{source}" names period "{value}", which is not under periods',
  },
  duplicateId: {
    da: 'Id\'et "{id}" bruges to gange under {list}',
    sv: 'Id:t "{id}" används två gånger under {list}',
    en: 'The id "{id}" is used twice under {list}',
  },
  duplicateIdHint: {
    da: 'giv hver post sit eget id',
    sv: 'ge varje post ett eget id',
    en: 'give every entry its own id',
  },
  unknownTarget: {
    da: 'Puljen "{pool}" sender til "{target}", som hverken er en pulje, en åben aktivitet eller en kode i kataloget',
    sv: 'Poolen "{pool}" fördelar till "{target}", som varken är en pool, en öppen verksamhet eller en kod i katalogen',
    en: 'Pool "{pool}" sends to "{target}", which is neither a pool, an open activity nor a catalogue code',
  },
  targetHint: {
    da: 'skriv et pulje-id, en katalogkode eller et præfiks med * (fx SEL-83*), evt. med @own/@external',
    sv: 'skriv ett pool-id, en katalogkod eller ett prefix med * (t.ex. SOL-HT*), ev. med @own/@external',
    en: 'write a pool id, a catalogue code or a prefix with * (e.g. SEL-83*), optionally with @own/@external',
  },
  unknownWeight: {
    da: 'Puljen "{pool}" har en vægt for "{target}", som ikke er blandt dens targets',
    sv: 'Poolen "{pool}" har en vikt för "{target}", som inte finns bland dess targets',
    en: 'Pool "{pool}" has a weight for "{target}", which is not one of its targets',
  },
  unknownCode: {
    da: '"{code}" matcher ingen kode i kataloget {catalogue}',
    sv: '"{code}" matchar ingen kod i katalogen {catalogue}',
    en: '"{code}" matches no code in catalogue {catalogue}',
  },
  codeHint: {
    da: 'skriv en katalogkode eller et præfiks med * (se `tvaerblik catalogue`)',
    sv: 'skriv en katalogkod eller ett prefix med * (se `tvaerblik catalogue`)',
    en: 'write a catalogue code or a prefix with * (see `tvaerblik catalogue`)',
  },
  unknownName: {
    da: '"{value}" findes ikke i kataloget {catalogue}',
    sv: '"{value}" finns inte i katalogen {catalogue}',
    en: '"{value}" is not in catalogue {catalogue}',
  },
} satisfies Record<string, Text>;

/** Texts of the schema's own refinements, keyed by their (English) message in schema.ts. */
export const SCHEMA_TEXT: Record<string, Text> = {
  'expected a date written YYYY-MM-DD, e.g. 2024-01-01': {
    da: 'forventede en dato skrevet ÅÅÅÅ-MM-DD, fx 2024-01-01',
    sv: 'förväntade ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2024-01-01',
    en: 'expected a date written YYYY-MM-DD, e.g. 2024-01-01',
  },
  'not a real calendar date': {
    da: 'ikke en rigtig kalenderdato',
    sv: 'inte ett riktigt kalenderdatum',
    en: 'not a real calendar date',
  },
  'use letters, digits, "-", "_" or "." (e.g. 2024 or 2024-H1)': {
    da: 'brug bogstaver, cifre, "-", "_" eller "." (fx 2024 eller 2024-H1)',
    sv: 'använd bokstäver, siffror, "-", "_" eller "." (t.ex. 2024 eller 2024-H1)',
    en: 'use letters, digits, "-", "_" or "." (e.g. 2024 or 2024-H1)',
  },
  '"from" must not be after "to"': {
    da: '"from" må ikke ligge efter "to"',
    sv: '"from" får inte ligga efter "to"',
    en: '"from" must not be after "to"',
  },
  'give exactly one of "column", "value" or "expr"': {
    da: 'angiv præcis én af "column", "value" eller "expr"',
    sv: 'ange exakt en av "column", "value" eller "expr"',
    en: 'give exactly one of "column", "value" or "expr"',
  },
  'use lower-case letters, digits, "_" or "-"': {
    da: 'brug små bogstaver, cifre, "_" eller "-"',
    sv: 'använd små bokstäver, siffror, "_" eller "-"',
    en: 'use lower-case letters, digits, "_" or "-"',
  },
  'a municipality code is 3 (DK) or 4 (SE) digits': {
    da: 'en kommunekode har 3 (DK) eller 4 (SE) cifre',
    sv: 'en kommunkod har 3 (DK) eller 4 (SE) siffror',
    en: 'a municipality code is 3 (DK) or 4 (SE) digits',
  },
  'give exactly one of key_file or key_env (the key itself never goes in the config)': {
    da: 'angiv præcis én af key_file eller key_env (selve nøglen står aldrig i konfigurationen)',
    sv: 'ange exakt en av key_file eller key_env (själva nyckeln står aldrig i konfigurationen)',
    en: 'give exactly one of key_file or key_env (the key itself never goes in the config)',
  },
  'a threshold below 3 is refused: small cells could identify persons': {
    da: 'en tærskel under 3 afvises: små celler kan identificere personer',
    sv: 'en tröskel under 3 avvisas: små celler kan identifiera personer',
    en: 'a threshold below 3 is refused: small cells could identify persons',
  },
};
