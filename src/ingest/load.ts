/**
 * Import step 3, the write to the warehouse: replace the rows of the import this one supersedes, add
 * the new persons (pseudonymised keys only), insert the kept staged rows and log the import.
 */
import type { Engine } from '../engine/engine.js';
import { contactIdSql } from './contact-id.js';
import { TARGET_EXTRA, TARGET_FIELDS } from './fields.js';
import type { PersonIds } from './persons.js';
import type { Plan } from './plan.js';

/** Replace the previous import's rows, upsert persons, insert the staged rows and log the import. */
export async function load(
  tx: Engine,
  p: Plan,
  importId: number,
  reject: string,
  country: 'DK' | 'SE',
  rowsRead: number,
  rowsRejected: number,
  ids: PersonIds,
): Promise<void> {
  const { source } = p;
  const lit = tx.dialect.literal;
  if (p.previous)
    await tx.exec(
      `DELETE FROM ${tx.dialect.ident(p.previous.target)} WHERE import_id = ${p.previous.import_id}`,
    );
  const keep = `NOT (${reject})`;
  const specs = TARGET_FIELDS[source.target].filter(
    (s) => s.type !== 'id' && s.name !== 'death_date' && !s.person,
  );
  const extra: Record<string, string> = {
    import_id: String(importId),
    row_no: '__row',
    person_key: 'm.person_key',
    source_id: lit(source.id),
    period: source.period ? lit(source.period) : 'NULL',
    sector: lit(source.sector),
  };
  const targetCols = [...TARGET_EXTRA[source.target], ...specs.map((s) => s.column ?? s.name)];
  const values = [
    ...TARGET_EXTRA[source.target].map((c) => extra[c]!),
    ...specs.map((s) => (s.name === 'contact_id' ? contactIdSql() : `"f_${s.name}"`)),
  ];
  if (TARGET_EXTRA[source.target].includes('person_key')) {
    // Birth date and sex from mapped columns fill what the id cannot tell (opaque ids); the id wins.
    const mapped = (n: string) => n in source.columns;
    const info = mapped('birth_date') || mapped('sex');
    if (info)
      await tx.exec(
        `CREATE OR REPLACE TEMP TABLE pinfo AS
         SELECT m.person_key, min(${mapped('birth_date') ? '"f_birth_date"' : 'NULL::DATE'}) AS bd,
                max(${mapped('sex') ? `nullif("f_sex", 'U')` : 'NULL::VARCHAR'}) AS sx
         FROM stgv t JOIN idmap m ON m.pid = t.pid WHERE ${keep} AND m.person_key IS NOT NULL GROUP BY 1`,
      );
    const i = info ? 'LEFT JOIN pinfo i ON i.person_key = d.person_key' : '';
    // Only the pids not yet met by an earlier source of this import (pkdone) are looked up in person.
    await ids.collectNew(tx, keep);
    // Anti-join first: far cheaper than letting every known key hit the conflict path of the index.
    await tx.exec(
      `INSERT INTO person (person_key, pseudonym, birth_year, birth_month, sex, country, id_scheme)
       SELECT d.person_key, d.pseudonym, CAST(coalesce(d.by, ${info ? 'year(i.bd)' : 'NULL'}) AS SMALLINT),
              CAST(coalesce(d.bm, ${info ? 'month(i.bd)' : 'NULL'}) AS TINYINT),
              coalesce(d.sx, ${info ? 'i.sx' : 'NULL'}, 'U'), ${lit(country)}, d.scheme
       FROM (SELECT m.person_key, any_value(m.pseudonym) AS pseudonym, any_value(m.birth_year) AS by,
                    any_value(m.birth_month) AS bm, nullif(any_value(m.sex), 'U') AS sx,
                    any_value(m.scheme) AS scheme
             FROM idmap m JOIN pnew n ON n.pid = m.pid
             WHERE m.person_key IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM person p WHERE p.person_key = m.person_key)
             GROUP BY m.person_key) d ${i}
       ON CONFLICT (person_key) DO NOTHING`,
    );
    await ids.markDone(tx);
    // a person loaded earlier without a birth date or sex (e.g. from an encounter file) gets them now
    if (info)
      await tx.exec(
        `UPDATE person SET birth_year = coalesce(person.birth_year, CAST(year(i.bd) AS SMALLINT)),
                birth_month = CASE WHEN person.birth_year IS NULL THEN CAST(month(i.bd) AS TINYINT) ELSE person.birth_month END,
                sex = CASE WHEN person.sex = 'U' THEN coalesce(i.sx, 'U') ELSE person.sex END
         FROM pinfo i WHERE person.person_key = i.person_key
           AND ((person.birth_year IS NULL AND i.bd IS NOT NULL) OR (person.sex = 'U' AND i.sx IS NOT NULL));
         DROP TABLE pinfo`,
      );
  }
  await tx.exec(
    `INSERT INTO ${tx.dialect.ident(source.target)} (${targetCols.map((c) => `"${c}"`).join(', ')})
     SELECT ${values.join(', ')} FROM stgv t LEFT JOIN idmap m ON m.pid = t.pid WHERE ${keep}`,
  );
  if (source.target === 'residence' && 'death_date' in source.columns)
    await tx.exec(
      `UPDATE person SET death_date = d.dd FROM (
         SELECT m.person_key, max("f_death_date") AS dd FROM stgv t JOIN idmap m ON m.pid = t.pid WHERE ${keep} AND "f_death_date" IS NOT NULL GROUP BY 1
       ) d WHERE person.person_key = d.person_key`,
    );
  await tx.exec(
    `INSERT INTO import_log VALUES ($id, $source, $file, $hash, $period, $target, $read, $loaded, $rejected, $config, now()::TIMESTAMP, $replaced)`,
    {
      id: importId,
      source: source.id,
      file: source.file,
      hash: p.fileHash,
      period: source.period ?? null,
      target: source.target,
      read: BigInt(rowsRead),
      loaded: BigInt(rowsRead - rowsRejected),
      rejected: BigInt(rowsRejected),
      config: p.configHash,
      replaced: p.previous?.import_id ?? null,
    },
  );
}
