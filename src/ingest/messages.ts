/**
 * User-facing ingest texts in Danish, Swedish and English. No message ever takes a cell value as a
 * variable, so a raw person id cannot reach an error message.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import { tr, type Lang, type Text } from '../i18n.js';

interface Entry {
  msg: Text;
  hint: Text;
}

export const MESSAGES = {
  no_files: {
    msg: {
      da: 'Ingen fil passer til {pattern}.',
      sv: 'Ingen fil matchar {pattern}.',
      en: 'No file matches {pattern}.',
    },
    hint: {
      da: 'læg udtrækket på plads, eller ret sources[{source}].file',
      sv: 'lägg uttaget på plats, eller rätta sources[{source}].file',
      en: 'put the extract in place, or correct sources[{source}].file',
    },
  },
  empty_file: {
    msg: { da: 'Filen er tom.', sv: 'Filen är tom.', en: 'The file is empty.' },
    hint: {
      da: 'dan udtrækket igen; en tom fil indlæses ikke',
      sv: 'ta ut uttaget igen; en tom fil läses inte in',
      en: 'export the extract again; an empty file is not loaded',
    },
  },
  no_header: {
    msg: {
      da: 'Filen har ingen overskriftsrække i række {row}.',
      sv: 'Filen har ingen rubrikrad på rad {row}.',
      en: 'The file has no header row at row {row}.',
    },
    hint: {
      da: 'ret header_row, eller dan udtrækket igen med overskrifter',
      sv: 'rätta header_row, eller ta ut uttaget igen med rubriker',
      en: 'correct header_row, or export the extract again with column headers',
    },
  },
  missing_column: {
    msg: {
      da: 'Kolonnen "{column}" (til feltet {field}) findes ikke i filen. Kolonner i filen: {present}.',
      sv: 'Kolumnen "{column}" (till fältet {field}) finns inte i filen. Kolumner i filen: {present}.',
      en: 'Column "{column}" (mapped to {field}) is not in the file. Columns present: {present}.',
    },
    hint: {
      da: 'ret sources[{source}].columns.{field} til en af kolonnerne, eller ret udtrækkets overskrift',
      sv: 'rätta sources[{source}].columns.{field} till en av kolumnerna, eller rätta uttagets rubrik',
      en: 'set sources[{source}].columns.{field} to one of the columns present, or fix the extract header',
    },
  },
  wrong_delimiter: {
    msg: {
      da: 'Filen har kun én kolonne, men {n} kolonner er mappet: skilletegnet er sandsynligvis "{likely}", ikke "{given}".',
      sv: 'Filen har bara en kolumn men {n} kolumner är mappade: avgränsaren är troligen "{likely}", inte "{given}".',
      en: 'The file has only one column but {n} columns are mapped: the delimiter is likely "{likely}", not "{given}".',
    },
    hint: {
      da: 'sæt csv.delimiter: "{likely}" i sources[{source}]',
      sv: 'sätt csv.delimiter: "{likely}" i sources[{source}]',
      en: 'set csv.delimiter: "{likely}" in sources[{source}]',
    },
  },
  duplicate_header: {
    msg: {
      da: 'Overskriften har kolonnen "{column}" mere end én gang.',
      sv: 'Rubriken har kolumnen "{column}" mer än en gång.',
      en: 'The header has the column "{column}" more than once.',
    },
    hint: {
      da: 'omdøb de dobbelte kolonner i udtrækket, så hver overskrift er entydig',
      sv: 'döp om de dubbla kolumnerna i uttaget så att varje rubrik är unik',
      en: 'rename the duplicate columns in the extract so every header is unique',
    },
  },
  bad_encoding: {
    msg: {
      da: 'Filen er ikke gyldig UTF-8 (første fejl i række {row}).',
      sv: 'Filen är inte giltig UTF-8 (första felet på rad {row}).',
      en: 'The file is not valid UTF-8 (first bad byte in row {row}).',
    },
    hint: {
      da: 'prøv encoding: windows-1252 under csv: i sources[{source}]',
      sv: 'prova encoding: windows-1252 under csv: i sources[{source}]',
      en: 'try encoding: windows-1252 under csv: in sources[{source}]',
    },
  },
  field_count: {
    msg: {
      da: 'Række {row} har {found} felter, overskriften har {expected}.',
      sv: 'Rad {row} har {found} fält, rubriken har {expected}.',
      en: 'Row {row} has {found} fields, the header has {expected}.',
    },
    hint: {
      da: 'filen kan være afkortet, eller skilletegn/anførselstegn er forkerte; dan udtrækket igen eller ret csv.delimiter/csv.quote',
      sv: 'filen kan vara avkortad, eller avgränsare/citattecken är fel; ta ut uttaget igen eller rätta csv.delimiter/csv.quote',
      en: 'the file may be truncated, or the delimiter/quote is wrong; export it again or correct csv.delimiter/csv.quote',
    },
  },
  unterminated_quote: {
    msg: {
      da: 'Række {row} har et anførselstegn, der aldrig lukkes.',
      sv: 'Rad {row} har ett citattecken som aldrig stängs.',
      en: 'Row {row} has a quote that is never closed.',
    },
    hint: {
      da: 'filen er måske afkortet; dan den igen, eller sæt csv.quote til det rigtige tegn',
      sv: 'filen är kanske avkortad; ta ut den igen, eller sätt csv.quote till rätt tecken',
      en: 'the file may be truncated; export it again, or set csv.quote to the right character',
    },
  },
  huge_cell: {
    msg: {
      da: 'Række {row} er længere end {max} bytes (en kæmpecelle).',
      sv: 'Rad {row} är längre än {max} byte (en jättecell).',
      en: 'Row {row} is longer than {max} bytes (a huge cell).',
    },
    hint: {
      da: 'kontrollér udtrækket: et felt er uventet langt, eller et anførselstegn mangler',
      sv: 'kontrollera uttaget: ett fält är oväntat långt, eller ett citattecken saknas',
      en: 'check the extract: a field is unexpectedly long, or a quote is missing',
    },
  },
  excel_huge_cell: {
    msg: {
      da: 'Celle {cell} har {len} tegn, flere end Excels grænse på 32767.',
      sv: 'Cell {cell} har {len} tecken, fler än Excels gräns på 32767.',
      en: "Cell {cell} holds {len} characters, more than Excel's limit of 32767.",
    },
    hint: {
      da: 'gem projektmappen igen fra Excel, eller dan udtrækket som CSV',
      sv: 'spara arbetsboken igen från Excel, eller ta ut uttaget som CSV',
      en: 'save the workbook again from Excel, or export the extract as CSV',
    },
  },
  zip_bomb: {
    msg: {
      da: 'Excel-filen afvises: {entry} pakkes ud til {size} MiB ({ratio}× komprimering) – sandsynligvis en zip-bombe.',
      sv: 'Excel-filen avvisas: {entry} packas upp till {size} MiB ({ratio}× komprimering) – troligen en zip-bomb.',
      en: 'The Excel file is refused: {entry} unpacks to {size} MiB ({ratio}× compression), a likely zip bomb.',
    },
    hint: {
      da: 'gem projektmappen igen fra Excel, eller dan udtrækket som CSV',
      sv: 'spara arbetsboken igen från Excel, eller ta ut uttaget som CSV',
      en: 'save the workbook again from Excel, or export the extract as CSV',
    },
  },
  xml_doctype: {
    msg: {
      da: 'Excel-filen afvises: {entry} indeholder DOCTYPE/ENTITY (XML-entitetsudvidelse er ikke tilladt).',
      sv: 'Excel-filen avvisas: {entry} innehåller DOCTYPE/ENTITY (XML-entitetsexpansion är inte tillåten).',
      en: 'The Excel file is refused: {entry} declares a DOCTYPE/ENTITY (XML entity expansion is not allowed).',
    },
    hint: {
      da: 'gem projektmappen igen fra Excel; Excel selv skriver aldrig DOCTYPE',
      sv: 'spara arbetsboken igen från Excel; Excel skriver aldrig DOCTYPE',
      en: 'save the workbook again from Excel; Excel itself never writes a DOCTYPE',
    },
  },
  not_xlsx: {
    msg: {
      da: 'Filen er ikke en Excel-projektmappe (.xlsx).',
      sv: 'Filen är inte en Excel-arbetsbok (.xlsx).',
      en: 'The file is not an Excel workbook (.xlsx).',
    },
    hint: {
      da: 'gem som .xlsx (ikke .xls), eller ret format: i sources[{source}]',
      sv: 'spara som .xlsx (inte .xls), eller rätta format: i sources[{source}]',
      en: 'save it as .xlsx (not .xls), or correct format: in sources[{source}]',
    },
  },
  truncated: {
    msg: {
      da: 'Filen er ufuldstændig (afkortet).',
      sv: 'Filen är ofullständig (avkortad).',
      en: 'The file is incomplete (truncated).',
    },
    hint: {
      da: 'kopiér eller dan udtrækket igen',
      sv: 'kopiera eller ta ut uttaget igen',
      en: 'copy or export the extract again',
    },
  },
  formula_no_value: {
    msg: {
      da: 'Celle {cell} har en formel uden gemt værdi.',
      sv: 'Cell {cell} har en formel utan sparat värde.',
      en: 'Cell {cell} holds a formula without a saved value.',
    },
    hint: {
      da: 'åbn og gem projektmappen i Excel, så værdierne beregnes, eller indsæt som værdier',
      sv: 'öppna och spara arbetsboken i Excel så att värdena beräknas, eller klistra in som värden',
      en: 'open and save the workbook in Excel so values are calculated, or paste as values',
    },
  },
  sheet_missing: {
    msg: {
      da: 'Arket "{sheet}" findes ikke i projektmappen. Ark: {sheets}.',
      sv: 'Bladet "{sheet}" finns inte i arbetsboken. Blad: {sheets}.',
      en: 'Sheet "{sheet}" is not in the workbook. Sheets: {sheets}.',
    },
    hint: {
      da: 'ret excel.sheet i sources[{source}]',
      sv: 'rätta excel.sheet i sources[{source}]',
      en: 'correct excel.sheet in sources[{source}]',
    },
  },
  unreadable: {
    msg: {
      da: 'Filen kunne ikke læses som {format}.',
      sv: 'Filen kunde inte läsas som {format}.',
      en: 'The file could not be read as {format}.',
    },
    hint: {
      da: 'kontrollér format: i sources[{source}], og at filen er hel',
      sv: 'kontrollera format: i sources[{source}] och att filen är hel',
      en: 'check format: in sources[{source}] and that the file is complete',
    },
  },
  not_regular_file: {
    msg: {
      da: '{path} er ikke en almindelig fil ({kind}).',
      sv: '{path} är inte en vanlig fil ({kind}).',
      en: '{path} is not a regular file ({kind}).',
    },
    hint: {
      da: 'peg sources[{source}].file på selve udtrækket (en fil, ikke en mappe, et rør eller en enhed)',
      sv: 'peka sources[{source}].file på själva uttaget (en fil, inte en mapp, ett rör eller en enhet)',
      en: 'point sources[{source}].file at the extract itself (a file, not a folder, a pipe or a device)',
    },
  },
  utf16: {
    msg: {
      da: 'Filen er kodet som UTF-16 ({order}), ikke UTF-8.',
      sv: 'Filen är kodad som UTF-16 ({order}), inte UTF-8.',
      en: 'The file is encoded as UTF-16 ({order}), not UTF-8.',
    },
    hint: {
      da: 'sæt encoding: utf-16 under csv: i sources[{source}], eller gem filen som UTF-8',
      sv: 'sätt encoding: utf-16 under csv: i sources[{source}], eller spara filen som UTF-8',
      en: 'set encoding: utf-16 under csv: in sources[{source}], or save the file as UTF-8',
    },
  },
  utf16_be: {
    msg: {
      da: 'Filen er kodet som UTF-16 big-endian, som ikke kan læses.',
      sv: 'Filen är kodad som UTF-16 big-endian, som inte kan läsas.',
      en: 'The file is encoded as UTF-16 big-endian, which cannot be read.',
    },
    hint: {
      da: 'gem filen som UTF-8 (eller UTF-16 little-endian)',
      sv: 'spara filen som UTF-8 (eller UTF-16 little-endian)',
      en: 'save the file as UTF-8 (or UTF-16 little-endian)',
    },
  },
  line_endings: {
    msg: {
      da: 'Filen blander linjeskift (CRLF og LF) eller har et løst vognretur-tegn (\\r) i række {row}.',
      sv: 'Filen blandar radbrytningar (CRLF och LF) eller har ett löst vagnreturtecken (\\r) på rad {row}.',
      en: 'The file mixes line endings (CRLF and LF) or has a stray carriage return (\\r) in row {row}.',
    },
    hint: {
      da: 'gem filen igen med én slags linjeskift (fx i en teksteditor), eller dan udtrækket igen',
      sv: 'spara filen igen med en sorts radbrytning (t.ex. i en textredigerare), eller ta ut uttaget igen',
      en: 'save the file again with one kind of line ending (e.g. in a text editor), or export it again',
    },
  },
  blank_lines: {
    msg: {
      da: 'Filens første {row} linjer er tomme; overskriftsrækken mangler.',
      sv: 'Filens första {row} rader är tomma; rubrikraden saknas.',
      en: "The file's first {row} lines are blank; there is no header row.",
    },
    hint: {
      da: 'dan udtrækket igen; eller ret header_row i sources[{source}], hvis overskriften står længere nede',
      sv: 'ta ut uttaget igen; eller rätta header_row i sources[{source}] om rubriken står längre ner',
      en: 'export the extract again; or correct header_row in sources[{source}] if the header is further down',
    },
  },
  header_is_data: {
    msg: {
      da: 'Række {row} ligner data, ikke overskrifter: kolonne {position} ser ud som et personnummer (værdien vises ikke).',
      sv: 'Rad {row} ser ut som data, inte rubriker: kolumn {position} ser ut som ett personnummer (värdet visas inte).',
      en: 'Row {row} looks like data, not column headers: column {position} looks like a person id (the value is not shown).',
    },
    hint: {
      da: 'dan udtrækket igen med en overskriftsrække, eller ret header_row i sources[{source}]',
      sv: 'ta ut uttaget igen med en rubrikrad, eller rätta header_row i sources[{source}]',
      en: 'export the extract again with a header row, or correct header_row in sources[{source}]',
    },
  },
  too_many_columns: {
    msg: {
      da: 'For mange kolonner: {n}, grænsen er {max}.',
      sv: 'För många kolumner: {n}, gränsen är {max}.',
      en: 'Too many columns: {n}, the limit is {max}.',
    },
    hint: {
      da: 'udtrækket er ikke et normalt regneark; dan det igen med kun de nødvendige kolonner',
      sv: 'uttaget är inte ett normalt kalkylblad; ta ut det igen med bara de nödvändiga kolumnerna',
      en: 'the extract is not an ordinary table; export it again with only the columns needed',
    },
  },
  nested_archive: {
    msg: {
      da: 'Filen er ikke en Excel-projektmappe, men et arkiv, der indeholder et andet arkiv ({entry}).',
      sv: 'Filen är inte en Excel-arbetsbok utan ett arkiv som innehåller ett annat arkiv ({entry}).',
      en: 'The file is not an Excel workbook but an archive holding another archive ({entry}).',
    },
    hint: {
      da: 'pak udtrækket ud, og peg sources[{source}].file på selve .xlsx-filen',
      sv: 'packa upp uttaget och peka sources[{source}].file på själva .xlsx-filen',
      en: 'unpack the extract and point sources[{source}].file at the .xlsx file itself',
    },
  },
  zip_over_declared: {
    msg: {
      da: 'Excel-filen afvises: {entry} pakkes ud til mere end de {declared} bytes, dens hoved angiver (en beskadiget fil eller en zip-bombe).',
      sv: 'Excel-filen avvisas: {entry} packas upp till mer än de {declared} byte som dess huvud anger (en skadad fil eller en zip-bomb).',
      en: 'The Excel file is refused: {entry} unpacks to more than the {declared} bytes its header declares (a damaged file or a zip bomb).',
    },
    hint: {
      da: 'gem projektmappen igen fra Excel, eller dan udtrækket som CSV',
      sv: 'spara arbetsboken igen från Excel, eller ta ut uttaget som CSV',
      en: 'save the workbook again from Excel, or export the extract as CSV',
    },
  },
  zip_entries: {
    msg: {
      da: 'Excel-filen afvises: den har {entries} dele, flere end grænsen på {max}.',
      sv: 'Excel-filen avvisas: den har {entries} delar, fler än gränsen på {max}.',
      en: 'The Excel file is refused: it has {entries} parts, more than the limit of {max}.',
    },
    hint: {
      da: 'gem projektmappen igen fra Excel, eller dan udtrækket som CSV',
      sv: 'spara arbetsboken igen från Excel, eller ta ut uttaget som CSV',
      en: 'save the workbook again from Excel, or export the extract as CSV',
    },
  },
  shared_strings_limit: {
    msg: {
      da: 'Excel-filen afvises: dens tabel over delte tekster kræver mere end {mib} MiB hukommelse.',
      sv: 'Excel-filen avvisas: dess tabell över delade texter kräver mer än {mib} MiB minne.',
      en: 'The Excel file is refused: its shared-strings table needs more than {mib} MiB of memory.',
    },
    hint: {
      da: 'dan udtrækket som CSV; eller hæv excel.max_shared_strings_mib i sources[{source}], hvis filen er i orden',
      sv: 'ta ut uttaget som CSV; eller höj excel.max_shared_strings_mib i sources[{source}] om filen är i ordning',
      en: 'export the extract as CSV; or raise excel.max_shared_strings_mib in sources[{source}] if the file is sound',
    },
  },
  read_timeout: {
    msg: {
      da: 'Læsningen af filen blev stoppet efter {seconds} sekunder.',
      sv: 'Läsningen av filen stoppades efter {seconds} sekunder.',
      en: 'Reading the file was stopped after {seconds} seconds.',
    },
    hint: {
      da: 'dan udtrækket som CSV; eller hæv excel.max_seconds i sources[{source}], hvis filen er i orden',
      sv: 'ta ut uttaget som CSV; eller höj excel.max_seconds i sources[{source}] om filen är i ordning',
      en: 'export the extract as CSV; or raise excel.max_seconds in sources[{source}] if the file is sound',
    },
  },
  no_rows: {
    msg: {
      da: 'Kilden {source} har ingen datarækker (kun overskriften). Intet er indlæst; den tidligere indlæsning er bevaret.',
      sv: 'Källan {source} har inga datarader (bara rubriken). Inget har lästs in; den tidigare inläsningen finns kvar.',
      en: 'Source {source} has no data rows (only the header). Nothing was loaded; the previous import is kept.',
    },
    hint: {
      da: 'dan udtrækket igen; er kilden virkelig tom, så sæt checks: {rows_present: {severity: warn}} i sources[{source}]',
      sv: 'ta ut uttaget igen; är källan verkligen tom, sätt checks: {rows_present: {severity: warn}} i sources[{source}]',
      en: 'export the extract again; if the source really is empty, set checks: {rows_present: {severity: warn}} in sources[{source}]',
    },
  },
  bad_expr: {
    msg: {
      da: 'Udtrykket for {field} kan ikke bruges: {detail}.',
      sv: 'Uttrycket för {field} kan inte användas: {detail}.',
      en: 'The expression for {field} cannot be used: {detail}.',
    },
    hint: {
      da: 'brug kolonnenavne, tal, + - * / og parenteser, fx "Timer * 4"',
      sv: 'använd kolumnnamn, tal, + - * / och parenteser, t.ex. "Timmar * 4"',
      en: 'use column names, numbers, + - * / and parentheses, e.g. "Hours * 4"',
    },
  },
  unknown_field: {
    msg: {
      da: '"{field}" er ikke et felt i {target}. Felter: {fields}.',
      sv: '"{field}" är inte ett fält i {target}. Fält: {fields}.',
      en: '"{field}" is not a field of {target}. Fields: {fields}.',
    },
    hint: {
      da: 'ret nøglen under sources[{source}].columns',
      sv: 'rätta nyckeln under sources[{source}].columns',
      en: 'correct the key under sources[{source}].columns',
    },
  },
  bad_format: {
    msg: {
      da: 'Ukendt datoformat "{format}" for {field}.',
      sv: 'Okänt datumformat "{format}" för {field}.',
      en: 'Unknown date format "{format}" for {field}.',
    },
    hint: {
      da: 'brug dd-mm-yyyy, dd.mm.yyyy, yyyymmdd, yyyy-mm-dd eller excel, evt. med " HH:MM"',
      sv: 'använd dd-mm-yyyy, dd.mm.yyyy, yyyymmdd, yyyy-mm-dd eller excel, ev. med " HH:MM"',
      en: 'use dd-mm-yyyy, dd.mm.yyyy, yyyymmdd, yyyy-mm-dd or excel, optionally with " HH:MM"',
    },
  },
  codes_header: {
    msg: {
      da: 'Oversættelsestabellen skal have kolonnerne local_code og catalogue_code; fundet: {present}.',
      sv: 'Översättningstabellen ska ha kolumnerna local_code och catalogue_code; hittade: {present}.',
      en: 'The translation table needs the columns local_code and catalogue_code; found: {present}.',
    },
    hint: {
      da: 'giv tabellen overskriften local_code,catalogue_code,text',
      sv: 'ge tabellen rubriken local_code,catalogue_code,text',
      en: 'give the table the header local_code,catalogue_code,text',
    },
  },
  codes_duplicate: {
    msg: {
      da: 'Den lokale kode "{code}" står mere end én gang i oversættelsestabellen.',
      sv: 'Den lokala koden "{code}" står mer än en gång i översättningstabellen.',
      en: 'The local code "{code}" appears more than once in the translation table.',
    },
    hint: {
      da: 'behold én linje pr. lokal kode',
      sv: 'behåll en rad per lokal kod',
      en: 'keep one line per local code',
    },
  },
  unknown_source: {
    msg: {
      da: 'Ingen kilde med id "{id}". Kilder: {ids}.',
      sv: 'Ingen källa med id "{id}". Källor: {ids}.',
      en: 'No source with id "{id}". Sources: {ids}.',
    },
    hint: {
      da: 'brug et id fra sources: i tvaerblik.yaml',
      sv: 'använd ett id från sources: i tvaerblik.yaml',
      en: 'use an id from sources: in tvaerblik.yaml',
    },
  },
  unknown_period: {
    msg: {
      da: 'Kilden {source} henviser til perioden "{period}", som ikke findes under periods:.',
      sv: 'Källan {source} hänvisar till perioden "{period}" som inte finns under periods:.',
      en: 'Source {source} refers to period "{period}", which is not under periods:.',
    },
    hint: {
      da: 'tilføj perioden under periods:, eller ret sources[{source}].period',
      sv: 'lägg till perioden under periods:, eller rätta sources[{source}].period',
      en: 'add the period under periods:, or correct sources[{source}].period',
    },
  },
  stop: {
    msg: {
      da: 'Datakvalitetstjekket {check} fejlede med alvorlighed "stop" for kilden {source}: {pct} % af rækkerne (tilladt {threshold} %). Intet er indlæst.',
      sv: 'Datakvalitetskontrollen {check} föll med allvarlighetsgrad "stop" för källan {source}: {pct} % av raderna (tillåtet {threshold} %). Inget har lästs in.',
      en: 'Data-quality check {check} failed with severity stop for source {source}: {pct}% of rows (allowed {threshold}%). Nothing was loaded.',
    },
    hint: {
      da: 'se {report}; ret udtrækket eller mapningen, og kør igen',
      sv: 'se {report}; rätta uttaget eller mappningen och kör igen',
      en: 'see {report}; fix the extract or the mapping and run again',
    },
  },
  bad_number: {
    msg: {
      da: 'Kolonnen "{column}" ({field}) i række {row} af {file} er ikke et tal, der kan læses ({n} rækker i alt i kilden {source}). Intet er indlæst.',
      sv: 'Kolumnen "{column}" ({field}) på rad {row} i {file} är inte ett tal som kan läsas ({n} rader totalt i källan {source}). Inget har lästs in.',
      en: 'Column "{column}" ({field}) in row {row} of {file} is not a number that can be read ({n} rows in all in source {source}). Nothing was loaded.',
    },
    hint: {
      da: 'ret cellen i udtrækket (tal skrives med decimaltegn "{decimal}", fx 12{decimal}5), eller sæt csv.decimal/thousands for kilden; for at indlæse sådanne rækker med tomt {field}: checks: {{check}: {severity: warn}}',
      sv: 'rätta cellen i uttaget (tal skrivs med decimaltecken "{decimal}", t.ex. 12{decimal}5), eller sätt csv.decimal/thousands för källan; för att läsa in sådana rader med tomt {field}: checks: {{check}: {severity: warn}}',
      en: 'correct the cell in the extract (numbers use the decimal separator "{decimal}", e.g. 12{decimal}5), or set csv.decimal/thousands for the source; to load such rows with an empty {field}: checks: {{check}: {severity: warn}}',
    },
  },
  unidentified: {
    msg: {
      da: '{rows} rækker i kilden {source} har intet gyldigt personnummer ({check}: {pct} %, tilladt {threshold} %).',
      sv: '{rows} rader i källan {source} saknar giltigt personnummer ({check}: {pct} %, tillåtet {threshold} %).',
      en: '{rows} rows of source {source} have no valid person id ({check}: {pct}%, allowed {threshold}%).',
    },
    hint: {
      da: 'de er indlæst uden person: deres omfang tæller med i enhedsomkostningen, og deres omkostning vises som ikke-henførbar ("uidentificerede personer"); ret personnumrene i udtrækket, eller tillad dem med checks: {{check}: {threshold: …}}',
      sv: 'de är inlästa utan person: deras volym räknas med i styckkostnaden och deras kostnad redovisas som icke-hänförbar ("oidentifierade personer"); rätta personnumren i uttaget, eller tillåt dem med checks: {{check}: {threshold: …}}',
      en: 'they are loaded without a person: their volume counts for the unit cost and their cost is reported as non-attributable ("unidentified persons"); correct the ids in the extract, or allow them with checks: {{check}: {threshold: …}}',
    },
  },
  unidentified_rejected: {
    msg: {
      da: '{rows} rækker i kilden {source} har intet gyldigt personnummer og er afvist ({check}: {pct} %, tilladt {threshold} %).',
      sv: '{rows} rader i källan {source} saknar giltigt personnummer och är avvisade ({check}: {pct} %, tillåtet {threshold} %).',
      en: '{rows} rows of source {source} have no valid person id and were rejected ({check}: {pct}%, allowed {threshold}%).',
    },
    hint: {
      da: 'ret personnumrene i udtrækket, eller tillad dem med checks: {{check}: {threshold: …}}',
      sv: 'rätta personnumren i uttaget, eller tillåt dem med checks: {{check}: {threshold: …}}',
      en: 'correct the ids in the extract, or allow them with checks: {{check}: {threshold: …}}',
    },
  },
  bad_where: {
    msg: {
      da: 'Rækkefilteret (where) for kilden {source} kan ikke bruges: {detail}.',
      sv: 'Radfiltret (where) för källan {source} kan inte användas: {detail}.',
      en: 'The row filter (where) of source {source} cannot be used: {detail}.',
    },
    hint: {
      da: "skriv fx where: \"Afdeling = 'Hjemmepleje' and Timer > 0\" (kolonner, tekst i '…', tal, = <> < <= > >=, in (…), is empty, and, or, not, parenteser)",
      sv: "skriv t.ex. where: \"Enhet = 'Hemtjänst' and Timmar > 0\" (kolumner, text i '…', tal, = <> < <= > >=, in (…), is empty, and, or, not, parenteser)",
      en: "write e.g. where: \"Department = 'Home care' and Hours > 0\" (columns, text in '…', numbers, = <> < <= > >=, in (…), is empty, and, or, not, parentheses)",
    },
  },
  rate_needs_dates: {
    msg: {
      da: 'Kilden {source} angiver omfanget som en rate (rate:), men en rate gælder kun volume og kræver start_date og end_date.',
      sv: 'Källan {source} anger volymen som en takt (rate:), men en takt gäller bara volume och kräver start_date och end_date.',
      en: 'Source {source} gives a rate (rate:), but a rate applies only to volume and needs start_date and end_date mapped.',
    },
    hint: {
      da: 'map start_date og end_date, og sæt rate: week eller month kun under columns.volume',
      sv: 'mappa start_date och end_date, och sätt rate: week eller month bara under columns.volume',
      en: 'map start_date and end_date, and set rate: week or month only under columns.volume',
    },
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

/** A UserError in the reader's language. */
export function ingestError(
  lang: Lang,
  key: MessageKey,
  vars: Record<string, string | number>,
  location: Omit<ErrorLocation, 'hint'> = {},
  exitCode = 2,
): UserError {
  const m: Entry = MESSAGES[key];
  return new UserError(tr(m.msg, lang, vars), { ...location, hint: tr(m.hint, lang, vars) }, exitCode);
}
