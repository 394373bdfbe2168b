/** A failed `cost` keeps the previous results but marks them out of date, and the commands after it say so. */
import { describe, expect, it } from 'vitest';
import { costFreshness, warnIfCostStaleIn } from '../../src/costing/freshness.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';
import { insertLedger } from './helpers.js';
import { exampleWorkspace, loadExample } from './worked-example.js';

const PERSON_TOTAL = 352_607_589n; // the worked example: kpb 351,707,589 + price 900,000

async function withEngine<T>(
  ws: ReturnType<typeof exampleWorkspace>,
  f: (e: Awaited<ReturnType<typeof openWarehouse>>) => Promise<T>,
) {
  const engine = await openWarehouse(ws);
  try {
    return await f(engine);
  } finally {
    await engine.close();
  }
}

describe('stale cost results', () => {
  it('keeps the old tables after a failed run, marks them, and analyse, report and serve say so', async () => {
    const ws = exampleWorkspace();
    await withEngine(ws, loadExample);
    const first = await runCli(['--workspace', ws.dir, '--lang', 'en', '--json', 'cost']);
    expect(first.code).toBe(0);
    expect(await withEngine(ws, (e) => costFreshness(ws, e))).toMatchObject({ state: 'fresh' });

    // a new ledger line that no translation-table rule covers: cost must stop
    await withEngine(ws, (e) => insertLedger(e, [{ account: '9999', activity: 'ZZ', amount: 123_45n }]));
    const failed = await runCli(['--workspace', ws.dir, '--lang', 'en', '--json', 'cost']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('1 ledger line matches no rule');
    expect(failed.stderr).toMatch(
      /The cost tables from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC are kept but marked out of date/,
    );

    // the old results are untouched, and marked
    const state = await withEngine(ws, async (e) => ({
      persons: (await e.one<{ c: bigint }>(`SELECT sum(cost_minor)::BIGINT AS c FROM cost_person`)).c,
      runs: await e.all(`SELECT status, message FROM cost_run ORDER BY run_at`),
      freshness: await costFreshness(ws, e),
    }));
    expect(state.persons).toBe(PERSON_TOTAL);
    expect(state.runs).toEqual([
      { status: 'ok', message: '' },
      { status: 'failed', message: '1 ledger line matches no rule in the translation table (total 123.45):' },
    ]);
    expect(state.freshness.state).toBe('failed');

    const failedText =
      /The last `tvaerblik cost` \(.+ UTC\) failed; the costs are from .+ UTC and do not match the current data/;
    for (const command of ['analyse', 'report']) {
      const r = await runCli(['--workspace', ws.dir, '--lang', 'en', '--json', command]);
      expect(r.stderr, command).toMatch(failedText);
    }
    const warned: string[] = [];
    await warnIfCostStaleIn(ws, { lang: 'en', warn: (t) => warned.push(t) });
    expect(warned.join('\n')).toMatch(failedText);
  }, 60_000);

  it('says the costs are out of date when the ledger changed without a new cost run, and stops saying it after one', async () => {
    const ws = exampleWorkspace();
    await withEngine(ws, loadExample);
    expect((await runCli(['--workspace', ws.dir, '--json', 'cost'])).code).toBe(0);
    await withEngine(ws, (e) =>
      e.exec(`UPDATE ledger SET amount_minor = amount_minor + 1 WHERE account = '5110' AND activity = 'AK'`),
    );
    expect(await withEngine(ws, (e) => costFreshness(ws, e))).toMatchObject({ state: 'stale' });
    const r = await runCli(['--workspace', ws.dir, '--lang', 'da', '--json', 'analyse']);
    expect(r.stderr).toContain('Omkostningerne er forældede');
    expect((await runCli(['--workspace', ws.dir, '--json', 'cost'])).code).toBe(0);
    expect(await withEngine(ws, (e) => costFreshness(ws, e))).toMatchObject({ state: 'fresh' });
    const again = await runCli(['--workspace', ws.dir, '--lang', 'da', '--json', 'analyse']);
    expect(again.stderr).not.toContain('forældede');
  }, 60_000);
});
