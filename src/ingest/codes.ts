/**
 * Lookup tables for the staged rows: the municipality's code translation table (contract B: local code
 * → catalogue code, CSV or Excel) and the service catalogue (unit and law reference defaults).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/catalogue.js';
import { workspaceCatalogue } from '../core/paths.js';
import type { SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import type { Lang } from '../i18n.js';
import { excelToCsv } from './excel.js';
import { ingestError } from './messages.js';
import { requireRegularFile, splitCsvLine } from './read.js';

/** Create TEMP TABLE cat(code, unit, law_ref) from the workspace's catalogue (the latest version of each code). */
export async function loadCatalogueTable(ws: Workspace, engine: Engine): Promise<void> {
  const catalogue = loadCatalogue(workspaceCatalogue(ws));
  const latest = new Map<string, { unit: string; law: string; from: string }>();
  for (const s of catalogue.services) {
    const prev = latest.get(s.code);
    if (!prev || s.valid_from > prev.from)
      latest.set(s.code, { unit: s.unit, law: `${s.law} ${s.paragraph}`.trim(), from: s.valid_from });
  }
  await engine.exec('CREATE OR REPLACE TEMP TABLE cat (code VARCHAR, unit VARCHAR, law_ref VARCHAR)');
  await engine.append(
    'cat',
    ['code', 'unit', 'law_ref'],
    [...latest].map(([code, v]) => [code, v.unit, v.law]),
  );
}

/** Create TEMP TABLE codemap(local_code, catalogue_code) for a source (empty when it has no `codes`). */
export async function loadCodeTable(
  ws: Workspace,
  engine: Engine,
  source: SourceConfig,
  lang: Lang,
): Promise<string | null> {
  await engine.exec('CREATE OR REPLACE TEMP TABLE codemap (local_code VARCHAR, catalogue_code VARCHAR)');
  if (!source.codes) return null;
  const file = ws.resolve(source.codes);
  const display = source.codes;
  if (existsSync(file)) requireRegularFile(file, display, source.id, `sources.${source.id}.codes`, lang);
  let csvFile = file;
  let delimiter = ',';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-codes-'));
  try {
    let header: string[];
    if (/\.xlsx$/i.test(file)) {
      const r = await excelToCsv({ ...source, excel: { header_row: 1 } }, file, display, tmp, lang);
      csvFile = r.csv;
      header = ['__row', ...r.header];
    } else {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw ingestError(
          lang,
          'no_files',
          { pattern: display, source: source.id },
          { file: display, key: `sources.${source.id}.codes` },
        );
      }
      const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
      delimiter = first.split(';').length > first.split(',').length ? ';' : ',';
      header = splitCsvLine(first, delimiter, '"').map((h) => h.trim());
    }
    const lower = header.map((h) => h.toLowerCase());
    if (!lower.includes('local_code') || !lower.includes('catalogue_code'))
      throw ingestError(
        lang,
        'codes_header',
        { present: header.filter((h) => h !== '__row').join(', ') },
        { file: display, row: 1 },
      );
    const lit = engine.dialect.literal;
    const cols = header.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ');
    const lc = header[lower.indexOf('local_code')]!;
    const cc = header[lower.indexOf('catalogue_code')]!;
    await engine.exec(
      `INSERT INTO codemap SELECT DISTINCT trim("${lc}"), NULLIF(trim("${cc}"), '') FROM read_csv(${lit(csvFile)}, delim = ${lit(delimiter)}, quote = '"', escape = '"', header = true, auto_detect = false, columns = {${cols}}) WHERE NULLIF(trim("${lc}"), '') IS NOT NULL`,
    );
    const dup = await engine.all<{ local_code: string }>(
      'SELECT local_code FROM codemap GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 1',
    );
    if (dup.length)
      throw ingestError(lang, 'codes_duplicate', { code: dup[0]!.local_code }, { file: display });
    // The table's hash is part of the source's config hash: a changed table means a new import.
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
