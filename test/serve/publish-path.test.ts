/**
 * One publish path (docs/architecture.md): tables reach a person only through src/publish, which reads
 * them, suppresses them together and hands them on. `npm run deps` refuses an import of the suppression
 * function or of the readers from elsewhere; this test refuses the other way round the path: SQL outside
 * src/publish that reads a mart or the warehouse the server attaches.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The runner builds the marts (src/analysis); the tools are no part of the product. */
const ALLOWED = /^src\/(publish|analysis|demo|bench)\/|^src\/[^/]+\/bench[.]ts$/;
/** A mart or the attached warehouse read by SQL: FROM/JOIN mart_…, wh.main.…, duckdb_columns(). */
const READS = /\b(?:FROM|JOIN)\s+(?:\w+\.)*mart_\w+|\bwh\.main\.|\bduckdb_columns\s*\(/i;

/** The source without its comments: prose that says "from mart_payer" is no read. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('one publish path', () => {
  it('no module outside src/publish reads a mart or the attached warehouse with SQL', () => {
    const offenders = files(path.join(ROOT, 'src'))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
      .filter((f) => !ALLOWED.test(f))
      .filter((f) => READS.test(code(readFileSync(path.join(ROOT, f), 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('the pattern finds such a read (the test can fail)', () => {
    expect(READS.test('SELECT * FROM mart_headline')).toBe(true);
    expect(READS.test('FROM wh.main.${id}')).toBe(true);
    expect(READS.test('SELECT * FROM cost_unit')).toBe(false);
    // a comment that names a mart is prose; the SQL after it is still read
    expect(READS.test(code('/** read from mart_payer */\nconst q = 1;\n// from mart_payer'))).toBe(false);
    expect(READS.test(code('/** mart_payer */\nawait e.all(`SELECT * FROM mart_payer`);'))).toBe(true);
  });
});
