/**
 * The person-level cost export for authorised analysts (KPB individual reporting, a controller's own
 * checks): one row per period, municipality, pseudonymised person and intervention, with volume and
 * cost. It needs a purpose, is logged (`cost_export_log` and `logs/person-exports.jsonl` in the
 * workspace), never carries a raw id and escapes CSV cells a spreadsheet would read as formulas.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import { T } from './messages.js';

export interface PersonExport {
  file: string;
  format: 'csv' | 'parquet';
  rows: bigint;
  persons: bigint;
  purpose: string;
  exportedAt: string;
}

const TEXT_COLUMNS = [
  'period',
  'municipality',
  'person_key',
  'catalogue_code',
  'department',
  'sector',
  'law_ref',
  'method',
  'unit',
];

/** A purpose a reviewer can read: words, at least 10 characters, and nothing that looks like a person id. */
export function checkPurpose(purpose: string | undefined, lang: Lang): string {
  const p = (purpose ?? '').trim();
  const hint = tr(T.purposeHint, lang);
  if (p.length < 10 || !/\p{L}{3}/u.test(p))
    throw new UserError(tr(T.purposeMissing, lang), { key: '--purpose', hint });
  if (/\d{6}[-+]?\d{4}/.test(p)) throw new UserError(tr(T.purposeId, lang), { key: '--purpose', hint });
  return p;
}

/** The file format from the file name: .csv or .parquet. */
export function exportFormat(file: string, lang: Lang): 'csv' | 'parquet' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.parquet') return 'parquet';
  throw new UserError(tr(T.exportFormat, lang, { file: path.basename(file) }), {
    key: '--export-persons',
    hint: tr(T.exportFormatHint, lang),
  });
}

/**
 * Write cost_person (every method, KMF included) with the pseudonymised key, and log the export.
 * @example await exportPersonCosts(ws, engine, 'kpb-2024.parquet', 'KPB individrapportering 2024', 'sv')
 */
export async function exportPersonCosts(
  ws: Workspace,
  engine: Engine,
  file: string,
  purposeText: string,
  lang: Lang,
): Promise<PersonExport> {
  const purpose = checkPurpose(purposeText, lang);
  const format = exportFormat(file, lang);
  // the warehouse only holds pseudonyms; refuse anything shaped like a CPR number or personnummer
  const raw = await engine.one<{ n: bigint }>(
    `SELECT count(*)::BIGINT AS n FROM cost_person c JOIN person p ON p.person_key = c.person_key
     WHERE regexp_full_match(p.pseudonym, '[0-9]{6}[-+]?[0-9]{4}|[0-9]{8}[-+]?[0-9]{4}')`,
  );
  if (raw.n > 0n)
    throw new UserError(tr(T.exportRawId, lang, { n: raw.n.toString() }), {
      key: 'person.pseudonym',
      hint: tr(T.exportRawIdHint, lang),
    });
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  // written next to the target and renamed: a failed export leaves no partial file
  const tmp = `${target}.${process.pid}.tmp`;
  const text = (c: string) =>
    format === 'csv'
      ? `CASE WHEN regexp_matches(${c}, '^[=+\\-@\\t\\r]') THEN '''' || ${c} ELSE ${c} END AS ${c}`
      : c;
  // the file's person_key is the pseudonym (person.pseudonym), the same in every workspace under the key
  const query = `SELECT ${TEXT_COLUMNS.map(text).join(', ')}, service_year, volume, cost_minor,
      (cost_minor * 0.01::DECIMAL(3, 2))::DECIMAL(18, 2) AS cost
    FROM (SELECT c.* REPLACE (p.pseudonym AS person_key)
          FROM cost_person c LEFT JOIN person p ON p.person_key = c.person_key)
    ORDER BY period, municipality, person_key, catalogue_code, method, department, sector, law_ref, unit, service_year`;
  try {
    if (format === 'parquet') await engine.exportParquet(query, tmp);
    else
      await engine.exec(
        `COPY (${query}) TO ${engine.dialect.literal(tmp)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`,
      );
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const counts = await engine.one<{ rows: bigint; persons: bigint }>(
    `SELECT count(*)::BIGINT AS rows, count(DISTINCT person_key)::BIGINT AS persons FROM cost_person`,
  );
  const fileHash = createHash('sha256').update(readFileSync(target)).digest('hex');
  const exportedAt = new Date().toISOString();
  await engine.exec(
    `CREATE TABLE IF NOT EXISTS cost_export_log (exported_at TIMESTAMP NOT NULL, purpose VARCHAR NOT NULL,
       file VARCHAR NOT NULL, format VARCHAR NOT NULL, rows BIGINT NOT NULL, persons BIGINT NOT NULL, file_hash VARCHAR NOT NULL)`,
  );
  await engine.exec(
    `INSERT INTO cost_export_log VALUES ($at::TIMESTAMP, $purpose, $file, $format, $rows, $persons, $hash)`,
    {
      at: exportedAt.replace('T', ' ').replace('Z', ''),
      purpose,
      file: target,
      format,
      rows: counts.rows,
      persons: counts.persons,
      hash: fileHash,
    },
  );
  // a second record outside the warehouse, which may be rebuilt
  const log = ws.resolve(path.join('logs', 'person-exports.jsonl'));
  mkdirSync(path.dirname(log), { recursive: true });
  appendFileSync(
    log,
    `${JSON.stringify({ exported_at: exportedAt, purpose, file: target, format, rows: Number(counts.rows), persons: Number(counts.persons), file_hash: fileHash })}\n`,
  );
  return { file: target, format, rows: counts.rows, persons: counts.persons, purpose, exportedAt };
}
