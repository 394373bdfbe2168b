/**
 * `node dist/bench/file-limit.js --persons N --memory 512MB`: the most rows ONE extract file may have for
 * the import's raw engine (one file's rows with their raw ids, in memory, never spilled; src/ingest/stage.ts)
 * at a given memory limit. It writes the XL generator's GP fee lines (5 columns) for N persons, then imports
 * the first n of them as a single file, bisecting n between "loads" and "too large" (docs/ingest.md,
 * "How large one file may be"). A measuring aid, not a test: each step is a whole import.
 */
import { createReadStream, createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { createOutput } from '../cli/output.js';
import { openWorkspace } from '../config/workspace.js';
import { generateXl } from '../demo/xl.js';
import { importSources } from '../ingest/index.js';
import { IMPORT_MEMORY } from '../ingest/stage.js';
import { openMemoryWarehouse } from '../model/warehouse.js';

const HEADER = 'PNR;KOMMUNE;DATO;YDELSESKODE;HONORAR_OERE';

/** Write the first `n` GP rows of the generated months, in month order, to one file. */
async function firstRows(months: string[], file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const put = async (line: string) => {
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  await put(HEADER);
  let left = n;
  for (const m of months) {
    let header = true;
    for await (const line of createInterface({ input: createReadStream(m) })) {
      if (header) {
        header = false;
        continue;
      }
      if (left-- <= 0) break;
      await put(line);
    }
    if (left <= 0) break;
  }
  await new Promise<void>((r) => out.end(() => r()));
}

export async function fileLimit(persons: number, memory: string, dir: string, log = console.log) {
  const x = await generateXl({ persons, seed: 2024, out: dir, format: 'csv' });
  const gp = x.files.filter((f) => f.file.includes('praksis-'));
  const months = gp.map((f) => path.join(dir, f.file));
  const total = gp.reduce((a, f) => a + f.rows, 0);
  const ex = path.join(dir, 'extracts');
  // only the GP source, reading one file
  const config = parse(readFileSync(path.join(dir, 'tvaerblik.yaml'), 'utf8')) as {
    sources: { id: string; file: string }[];
  };
  config.sources = config.sources.filter((s) => s.id === 'region_praksis');
  config.sources[0]!.file = 'extracts/one-file.csv';
  writeFileSync(path.join(dir, 'tvaerblik.yaml'), stringify(config));
  const before = IMPORT_MEMORY.raw;
  IMPORT_MEMORY.raw = memory;
  const fits = async (n: number): Promise<boolean> => {
    await firstRows(months, path.join(ex, 'one-file.csv'), n);
    const engine = await openMemoryWarehouse();
    const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
    try {
      await importSources(openWorkspace(dir), engine, out);
      return true;
    } catch (e) {
      if (e instanceof Error && / too large to stage in memory/.test(e.message)) return false;
      throw e;
    } finally {
      await engine.close();
    }
  };
  try {
    if (await fits(total)) return { memory, fits: total, fails: undefined };
    let [lo, hi] = [0, total];
    while (hi - lo > total / 40) {
      const mid = Math.round((lo + hi) / 2);
      if (await fits(mid)) lo = mid;
      else hi = mid;
      log(`${memory}: loads ${lo.toLocaleString('en')}, too large ${hi.toLocaleString('en')}`);
    }
    return { memory, fits: lo, fails: hi };
  } finally {
    IMPORT_MEMORY.raw = before;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const persons = Number(arg('--persons') ?? 200_000);
  const memory = arg('--memory') ?? '256MB';
  const dir = path.resolve(arg('--dir') ?? path.join(os.tmpdir(), `tvaerblik-file-limit-${persons}`));
  try {
    const r = await fileLimit(persons, memory, dir, (l) => process.stderr.write(`${l}\n`));
    process.stdout.write(
      r.fails === undefined
        ? `${memory}: all ${r.fits.toLocaleString('en')} rows load as one file (raise --persons)\n`
        : `${memory}: one file of ${r.fits.toLocaleString('en')} GP rows loads, ${r.fails.toLocaleString('en')} is too large\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
