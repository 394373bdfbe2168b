/**
 * The caseworker's overview under load (issue 15): load N index entries through the loader
 * (`loadEntries`, the path a file load and an API push take: person ids pseudonymised with the case
 * key, checked, upserted), then let C caseworkers look their citizens up at the same time, with
 * auditing on, and report the load time and the p50/p95 of one citizen's overview.
 *
 *   npx tsx src/overview/bench.ts [--entries 10000000] [--citizens 250000] [--caseworkers 50]
 *       [--lookups 20] [--batch 100000] [--url postgres://…] [--dir FOLDER] [--json FILE]
 *
 * Without --url (or $TVAERBLIK_DATABASE_URL) it runs on the embedded store (PGlite) in a new temp
 * folder (or --dir). A benchmark, not a test: docs/performance.md ("The caseworker's overview") has the
 * figures and how they were made. Every person id is synthetic (syntheticCpr, fixed seed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { seededRandom, syntheticCpr } from '../ids/synthetic.js';
import { openStore } from '../store/open.js';
import { openCase } from './cases.js';
import { loadCategories } from './categories.js';
import type { Actor } from './common.js';
import { recordConsent } from './consents.js';
import { saveContact } from './contacts.js';
import { casePseudonymiser } from './demo.js';
import { loadEntries, type EntryInput } from './entries.js';
import { caseOverview } from './overview.js';

interface Args {
  entries: number;
  citizens: number;
  caseworkers: number;
  lookups: number;
  batch: number;
  /** entries loaded through the loader (timed); the rest are written by one SQL statement per million */
  loadSample: number;
  /** a store that already holds the entries (an earlier run's --url): skip the load, measure the lookups */
  reuse: boolean;
  url?: string;
  dir?: string;
  json?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    entries: 10_000_000,
    citizens: 250_000,
    caseworkers: 50,
    lookups: 20,
    batch: 100_000,
    loadSample: 200_000,
    reuse: false,
  };
  const url = process.env.TVAERBLIK_DATABASE_URL;
  if (url) a.url = url;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    if (k === '--reuse') {
      a.reuse = true;
      continue;
    }
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${k} needs a value`);
    i += 1;
    if (k === '--url') a.url = v;
    else if (k === '--dir') a.dir = v;
    else if (k === '--json') a.json = v;
    else if (
      k === '--entries' ||
      k === '--citizens' ||
      k === '--caseworkers' ||
      k === '--lookups' ||
      k === '--batch' ||
      k === '--load-sample'
    ) {
      const n = Number(v.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1) throw new Error(`${k} must be a whole number ≥ 1`);
      a[(k === '--load-sample' ? 'loadSample' : k.slice(2)) as 'entries'] = n;
    } else throw new Error(`unknown option ${k}`);
  }
  if (a.caseworkers * a.lookups > a.citizens)
    throw new Error('--caseworkers × --lookups must not exceed --citizens');
  return a;
}

const AREAS: [string, string[], string, string][] = [
  [
    'employment',
    ['status', 'registration', 'plan', 'journal_note', 'case_summary'],
    'Jobcenter',
    'municipal',
  ],
  ['social_psychiatry', ['status', 'grant', 'plan'], 'Socialforvaltningen', 'municipal'],
  ['social_family', ['case_summary', 'grant'], 'Familieafdelingen', 'municipal'],
  ['health_municipal', ['grant', 'journal_note'], 'Sundhed og Omsorg', 'municipal'],
  ['health_regional', ['journal_note', 'status'], 'Regionspsykiatrien', 'regional'],
  ['health_private', ['certificate'], 'Lægehuset', 'private'],
  ['economy', ['overview', 'grant'], 'Ydelsesservice', 'municipal'],
  ['education', ['overview'], 'Ungdommens Uddannelsesvejledning', 'municipal'],
  ['criminal_justice', ['plan'], 'Kriminalforsorgen', 'state'],
];
/** Entry i gets combination i mod 19: area, data type, department, sector. */
const COMBOS = AREAS.flatMap(([area, types, department, sector]) =>
  types.map((dataType) => ({ area, dataType, department, sector })),
);
const CONTACT = 'bench-social';

/** Entry i of the benchmark (the SQL fill below writes the same rows for the same i). */
function entry(i: number, people: readonly string[]): EntryInput {
  const c = COMBOS[i % COMBOS.length]!;
  return {
    personId: people[(i * 7919) % people.length]!,
    ...c,
    date: `${2010 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    title: `Item ${i}`,
    itemRef: `R-${i}`,
    ...(c.area === 'social_psychiatry' ? { contactId: CONTACT } : {}),
  };
}

function quantile(sorted: number[], q: number): number {
  // nearest rank: the smallest value with at least q of the values at or below it
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const tmp = args.url ? null : (args.dir ?? mkdtempSync(path.join(os.tmpdir(), 'tvb-overview-bench-')));
  const store = await openStore(args.url ? { url: args.url, poolSize: args.caseworkers } : { dataDir: tmp! });
  const kind = args.url ? 'postgres' : 'embedded (PGlite)';
  try {
    const cats = loadCategories();
    const admin: Actor = { id: 'bench-admin', roles: ['admin'], organisation: 'bench' };
    await saveContact(
      store,
      admin,
      {
        id: 'bench-social',
        department: 'Socialforvaltningen',
        sector: 'municipal',
        areas: ['social_psychiatry'],
        name: 'Bench Contact',
        userId: null,
      },
      cats,
    );
    const rand = seededRandom(15);
    const people: string[] = [];
    for (let i = 0; i < args.citizens; i++) {
      const born = new Date(
        Date.UTC(1950 + Math.floor(rand() * 55), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
      );
      people.push(syntheticCpr(born, rand() < 0.5 ? 'M' : 'F', rand));
    }
    const pseudonymise = await casePseudonymiser(store);

    // load: the first --load-sample entries through the loader, in batches of --batch rows (one
    // transaction each, ten source systems), timed; the rest by SQL, a million rows per statement
    const have = args.reuse
      ? Number(
          (
            await store.query<{ n: bigint }>(
              "SELECT count(*) AS n FROM overview_index_entry WHERE organisation = 'bench'",
            )
          )[0]!.n,
        )
      : 0;
    if (args.reuse && have < args.entries)
      throw new Error(`--reuse: the store holds ${have} entries, not ${args.entries}`);
    const sample = args.reuse ? 0 : Math.min(args.loadSample, args.entries);
    const t0 = performance.now();
    let loaded = 0;
    for (let at = 0, b = 0; at < sample; at += args.batch, b++) {
      const rows: EntryInput[] = [];
      for (let i = at; i < Math.min(sample, at + args.batch); i++) rows.push(entry(i, people));
      const s = await loadEntries(store, admin, `bench-system-${b % 10}`, rows, cats, pseudonymise);
      loaded += s.rowsLoaded;
      process.stderr.write(`loaded ${loaded} in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const t0b = performance.now();
    if (!args.reuse && sample < args.entries) {
      await store.query('CREATE TABLE bench_citizen (n integer PRIMARY KEY, citizen text NOT NULL)');
      await store.query(
        'CREATE TABLE bench_combo (n integer PRIMARY KEY, area text, data_type text, department text, sector text)',
      );
      for (let at = 0; at < people.length; at += 10_000) {
        const part = people.slice(at, at + 10_000);
        await store.query('INSERT INTO bench_citizen SELECT * FROM unnest($1::int[], $2::text[])', [
          part.map((_, k) => at + k),
          part.map((p) => pseudonymise(p)!),
        ]);
      }
      await store.query(
        'INSERT INTO bench_combo SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])',
        [
          COMBOS.map((_, k) => k),
          COMBOS.map((c) => c.area),
          COMBOS.map((c) => c.dataType),
          COMBOS.map((c) => c.department),
          COMBOS.map((c) => c.sector),
        ],
      );
      for (let from = sample; from < args.entries; from += 1_000_000) {
        const to = Math.min(args.entries, from + 1_000_000);
        await store.query(
          `INSERT INTO overview_index_entry (organisation, citizen, area, data_type, source_system, department, sector,
             item_date, title, contact_id, item_ref, category_version, batch_id)
           SELECT 'bench', c.citizen, k.area, k.data_type, 'bench-system-' || ((i / $4) % 10), k.department, k.sector,
             make_date(2010 + (i % 16)::int, 1 + (i % 12)::int, 1 + (i % 28)::int), 'Item ' || i,
             CASE WHEN k.area = 'social_psychiatry' THEN '${CONTACT}' END, 'R-' || i, $5, 'bench-fill'
           FROM generate_series($1::bigint, $2::bigint - 1) AS i
           JOIN bench_citizen c ON c.n = (i * 7919) % $3
           JOIN bench_combo k ON k.n = i % ${COMBOS.length}`,
          [from, to, people.length, args.batch, cats.version],
        );
        process.stderr.write(`filled to ${to} in ${((performance.now() - t0b) / 1000).toFixed(0)} s\n`);
      }
      await store.query('DROP TABLE bench_citizen');
      await store.query('DROP TABLE bench_combo');
      await store.query('ANALYZE overview_index_entry');
    }
    const fillSeconds = (performance.now() - t0b) / 1000;

    // the caseworkers, each with --lookups cases under a consent in force (employment and social psychiatry)
    const workers: { actor: Actor; cases: string[] }[] = [];
    for (let w = 0; w < args.caseworkers; w++) {
      const actor: Actor = { id: `bench-cw-${w}`, roles: ['caseworker'], organisation: 'bench' };
      const cases: string[] = [];
      for (let k = 0; k < args.lookups; k++) {
        const citizen = pseudonymise(people[w * args.lookups + k]!)!;
        const kase = await openCase(store, actor, {
          citizen,
          purpose: 'rehabilitation',
          phase: 'preparation',
          title: `Bench case ${w}-${k}`,
        });
        await recordConsent(
          store,
          actor,
          kase.id,
          {
            areas: ['employment', 'social_psychiatry'],
            dataTypes: ['status', 'registration', 'grant', 'plan'],
            sectors: ['municipal'],
            departments: [],
            providers: [],
            phases: ['preparation'],
            validFrom: '2026-01-01',
            validTo: '2099-12-31',
            givenHow: 'signed_form',
          },
          cats,
        );
        cases.push(kase.id);
      }
      workers.push({ actor, cases });
    }

    // the lookups: every caseworker at once, each opening its cases one after another (audited)
    const latencies: number[] = [];
    let entriesSeen = 0;
    const t1 = performance.now();
    await Promise.all(
      workers.map(async ({ actor, cases }) => {
        for (const id of cases) {
          const s = performance.now();
          const o = await caseOverview(store, actor, id, cats);
          latencies.push(performance.now() - s);
          entriesSeen += o.entries.length + o.cells.reduce((n, c) => n + c.uncovered, 0);
        }
      }),
    );
    const lookupSeconds = (performance.now() - t1) / 1000;
    latencies.sort((x, y) => x - y);
    // one caseworker alone (the embedded store's use: one person on a laptop), the same cases again
    const solo: number[] = [];
    for (const id of workers[0]!.cases) {
      const s = performance.now();
      await caseOverview(store, workers[0]!.actor, id, cats);
      solo.push(performance.now() - s);
    }
    solo.sort((x, y) => x - y);
    const result = {
      store: kind,
      entries: args.entries,
      citizens: args.citizens,
      caseworkers: args.caseworkers,
      lookups: latencies.length,
      entriesPerLookup: Math.round(entriesSeen / latencies.length),
      loadedThroughLoader: loaded,
      loadSeconds: Number(loadSeconds.toFixed(1)),
      reused: args.reuse,
      loadRowsPerSecond: Math.round(loaded / loadSeconds),
      /** the loader's rate applied to all entries (the figure for loading --entries through it) */
      loadAllSecondsEstimate: loaded ? Math.round(args.entries / (loaded / loadSeconds)) : null,
      filledBySql: args.reuse ? 0 : args.entries - sample,
      fillSeconds: Number(fillSeconds.toFixed(1)),
      p50ms: Number(quantile(latencies, 0.5).toFixed(1)),
      p95ms: Number(quantile(latencies, 0.95).toFixed(1)),
      maxms: Number(latencies.at(-1)!.toFixed(1)),
      lookupsPerSecond: Number((latencies.length / lookupSeconds).toFixed(1)),
      soloLookups: solo.length,
      soloP50ms: Number(quantile(solo, 0.5).toFixed(1)),
      soloP95ms: Number(quantile(solo, 0.95).toFixed(1)),
      node: process.version,
      cpus: os.cpus().length,
      loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await store.close();
    if (tmp && !args.dir) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
