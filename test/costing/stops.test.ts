import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { UserError } from '../../src/errors.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { runCosting } from '../../src/costing/index.js';
import { insertLedger, insertServices, makeWorkspace, quietOutput, TT_HEADER } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const yaml = (extra = '') => `
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  translation_table: tt.csv
  pools: [{ id: ADM, kind: administration, key: direct_cost, targets: ['SEL-*'] }]
${extra}`;

async function costWith(tt: string, extra = ''): Promise<unknown> {
  engine = await openMemoryWarehouse();
  await insertLedger(engine, [
    { account: '5110', activity: 'AK', amount: 1_000_00n },
    { account: '5110', activity: 'ADM', amount: 250_50n },
    { account: '9999', activity: 'XX', amount: 12_345_67n },
  ]);
  await insertServices(engine, [
    { person: 'A', code: 'SEL-104', from: '2024-01-01', to: '2024-01-10', unit: 'day' },
  ]);
  const ws = makeWorkspace(yaml(extra), { 'tt.csv': tt });
  return runCosting(ws, engine, quietOutput('en'));
}

describe('translation-table stops', () => {
  it('stops on a ledger period that is not a configured one, naming the first (found in the fingerprint pass)', async () => {
    engine = await openMemoryWarehouse();
    // periods 2024 (configured), 2019 and 2023 (not): the first of the two by sort order is named
    await insertLedger(engine, [
      { account: '5110', activity: 'AK', amount: 1_00n },
      { period: '2023', account: '5110', activity: 'AK', amount: 2_00n },
      { period: '2019', account: '5110', activity: 'AK', amount: 3_00n },
    ]);
    const tt = `${TT_HEADER}\n10,5110,AK,,,,intervention,SEL-104,\n10,*,ADM,,,,pool,ADM,\n`;
    const ws = makeWorkspace(yaml(), { 'tt.csv': tt });
    const err = (await runCosting(ws, engine, quietOutput('en')).catch((e: unknown) => e)) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('"2019"');
    expect(err.message).not.toContain('"2023"');
    expect(err.location.key).toBe('periods');
  });

  it('stops on an unmatched line and lists it with its amount and ledger row', async () => {
    const tt = `${TT_HEADER}\n10,5110,AK,,,,intervention,SEL-104,\n10,*,ADM,,,,pool,ADM,\n`;
    const err = await costWith(tt).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.message).toContain('1 ledger line matches no rule in the translation table (total 12,345.67)');
    expect(e.message).toContain('row 3: period 2024, 851, account=9999 activity=XX');
    expect(e.message).toContain('12,345.67');
    expect(e.location.file).toMatch(/tt\.csv$/);
  });

  it('stops on a doubly matched line and names the rules', async () => {
    const tt = `${TT_HEADER}\n10,5000-5999,*,,,,intervention,SEL-104,\n10,51*,AK,,,,pool,ADM,\n10,*,ADM,,,,pool,ADM,\n5,*,*,,,,excluded,,other\n`;
    const err = (await costWith(tt).catch((e: unknown) => e)) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(
      '2 ledger lines match several rules with the same highest priority (total 1,250.50)',
    );
    expect(err.message).toContain(
      'row 1: period 2024, 851, account=5110 activity=AK responsibility= project= counterpart=, 1,000.00 ← rules on lines 2, 3',
    );
    expect(err.message).toContain(
      'row 2: period 2024, 851, account=5110 activity=ADM responsibility= project= counterpart=, 250.50 ← rules on lines 2, 4',
    );
    expect(err.location.file).toMatch(/tt\.csv$/);
  });

  it('lets the higher priority win and then reconciles', async () => {
    const tt = `${TT_HEADER}\n10,5000-5999,*,,,,intervention,SEL-104,\n20,51*,ADM,,,,pool,ADM,\n1,*,*,,,,excluded,,other\n`;
    await costWith(tt);
    const r = await engine!.all(
      `SELECT target_type, target, ledger_minor FROM cost_reconciliation ORDER BY ALL`,
    );
    expect(r).toEqual([
      { target_type: 'excluded', target: 'other', ledger_minor: 12_345_67n },
      { target_type: 'intervention', target: 'SEL-104', ledger_minor: 1_000_00n },
      { target_type: 'pool', target: 'ADM', ledger_minor: 250_50n },
    ]);
    expect((await engine!.one(`SELECT sum(cost_minor) AS c FROM cost_person`)).c).toBe(1_250_50n);
  });

  it('names the file, line and column of a bad rule', async () => {
    const err = (await costWith(`${TT_HEADER}\n10,5110,AK,,,,intervention,NOPE-1,\n`).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err.location).toMatchObject({ row: 2, column: 'target' });
    const err2 = (await costWith(`${TT_HEADER}\nten,5110,AK,,,,pool,ADM,\n`).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err2.location).toMatchObject({ row: 2, column: 'priority' });
    const err3 = (await costWith(`${TT_HEADER}\n10,5110,AK,,,,excluded,,\n`).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err3.location).toMatchObject({ row: 2, column: 'reason' });
  });

  it('speaks Danish by default', async () => {
    engine = await openMemoryWarehouse();
    await insertLedger(engine, [{ account: '1', amount: 5n }]);
    const ws = makeWorkspace(yaml(), { 'tt.csv': `${TT_HEADER}\n` });
    const err = (await runCosting(ws, engine, quietOutput('da')).catch((e: unknown) => e)) as UserError;
    expect(err.message).toContain('1 postering i regnskabet matcher ingen regel');
  });
});
