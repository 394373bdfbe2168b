import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundBalances,
  meetingOverview,
  recordDecision,
  reportCost,
  reportExpectedSpend,
  settlementFor,
  type ClusterActor,
} from '../../src/cluster/store.js';
import { verifyAudit } from '../../src/store/audit.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const kr = (n: number) => BigInt(Math.round(n * 100));
const secretariat: ClusterActor = { id: 'u-sek', roles: ['cluster_secretariat'], organisation: 'R' };
const hospitalOwner: ClusterActor = { id: 'u-h', roles: ['economic_owner'], organisation: 'H' };
const favrskovOwner: ClusterActor = { id: 'u-f', roles: ['economic_owner'], organisation: 'F' };

let store: OpenedStore;
beforeAll(async () => {
  store = await openStore();
  await store.exec(`
    INSERT INTO cluster_org (id, name, kind, chair) VALUES
      ('R', 'Randers Kommune', 'municipality', true), ('F', 'Favrskov Kommune', 'municipality', false),
      ('H', 'Regionshospitalet Randers', 'hospital', false);
    INSERT INTO cluster_fund (id, name, allows, carry_over) VALUES
      ('klynge', 'Klyngemidler', ARRAY['development'], true);
    INSERT INTO cluster_grant (fund, year, member, amount_ore) VALUES
      ('klynge', 2023, 'R', 50000000), ('klynge', 2023, 'F', 30000000), ('klynge', 2023, 'H', 20000000);
    INSERT INTO cluster_project (id, title, fund, owner) VALUES
      ('LAB', 'Laboratorium', 'klynge', 'H'), ('SEK', 'Sekretariatsbetjening', 'klynge', 'R');
    INSERT INTO cluster_budget_line (project, year, category, amount_ore) VALUES
      ('LAB', 2023, 'development', 6000000), ('SEK', 2023, 'secretariat', 5000000);
  `);
});
afterAll(async () => store?.close());

describe('cluster economy in the operational store', () => {
  it('the secretariat approves a project within its fund; a secretariat cost on a development-only fund is refused and nothing is saved', async () => {
    await recordDecision(store, secretariat, {
      project: 'LAB',
      meeting: '2023-11-24',
      outcome: 'approved',
      frame: kr(60_000),
    });
    await expect(
      recordDecision(store, secretariat, {
        project: 'SEK',
        meeting: '2023-11-24',
        outcome: 'approved',
        frame: kr(50_000),
      }),
    ).rejects.toThrow(/pays only for development/);
    const rows = await store.query<{ id: string; status: string }>(
      'SELECT id, status FROM cluster_project ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'LAB', status: 'approved' },
      { id: 'SEK', status: 'applied' },
    ]);
    expect(await store.query('SELECT * FROM cluster_decision WHERE project = $1', ['SEK'])).toEqual([]);
    await expect(
      recordDecision(store, hospitalOwner, { project: 'LAB', meeting: '2023-11-24', outcome: 'rejected' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('an economic owner reports expected spend only for its own projects; the history is kept and audited from → to', async () => {
    await reportExpectedSpend(store, hospitalOwner, {
      project: 'LAB',
      org: 'H',
      year: 2024,
      amount: kr(40_000),
    });
    await reportExpectedSpend(store, hospitalOwner, {
      project: 'LAB',
      org: 'H',
      year: 2024,
      amount: kr(45_000),
    });
    await expect(
      reportExpectedSpend(store, favrskovOwner, { project: 'LAB', org: 'F', year: 2024, amount: kr(1) }),
    ).rejects.toMatchObject({ status: 403 });
    const { rows } = await meetingOverview(store, 2024);
    expect(rows.map((r) => [r.project.id, r.spend])).toEqual([
      ['LAB', { H: { thisYear: kr(45_000), nextYear: null } }],
    ]);
    expect(await store.query('SELECT count(*)::int AS n FROM cluster_expected_spend')).toEqual([{ n: 2 }]);
    const audit = await store.query<{ actor: string; detail: { from: string | null; to: string } }>(
      "SELECT actor, detail FROM audit_log WHERE action = 'cluster.expected_spend' ORDER BY seq",
    );
    expect(audit.map((a) => [a.actor, a.detail.from, a.detail.to])).toEqual([
      ['u-h', null, '40000.00'],
      ['u-h', '40000.00', '45000.00'],
    ]);
  });

  it("settles the year by the fund key (50/30/20) and draws the shares from the members' balances", async () => {
    await expect(settlementFor(store, 'klynge', 2023)).rejects.toThrow(
      /lacks the cost report for the project "Laboratorium"/,
    );
    await reportCost(store, hospitalOwner, { project: 'LAB', org: 'H', year: 2023, amount: kr(60_000) });
    const s = await settlementFor(store, 'klynge', 2023);
    expect(s.statements.map((x) => [x.org, x.share, x.net])).toEqual([
      ['F', kr(18_000), kr(-18_000)],
      ['H', kr(12_000), kr(48_000)],
      ['R', kr(30_000), kr(-30_000)],
    ]);
    expect(s.transfers).toEqual([
      { from: 'R', to: 'H', amount: kr(30_000) },
      { from: 'F', to: 'H', amount: kr(18_000) },
    ]);
    const balances = await fundBalances(store);
    expect(balances.find((b) => b.member === 'R' && b.year === 2023)).toMatchObject({
      grant: kr(500_000),
      drawn: kr(30_000),
      closing: kr(470_000),
    });
    expect((await verifyAudit(store)).ok).toBe(true);
  });
});

describe('a settlement after the block grant ended', () => {
  it('shares by the latest year with grants (2023: 50/30/20)', async () => {
    await store.exec(`
      INSERT INTO cluster_project (id, title, fund, owner, status, frame_ore) VALUES ('NET', 'Netværk', 'klynge', 'R', 'approved', 1000000);
      INSERT INTO cluster_budget_line (project, year, category, amount_ore) VALUES ('NET', 2025, 'development', 1000000);
    `);
    await reportCost(store, secretariat, { project: 'NET', org: 'R', year: 2025, amount: kr(10_000) });
    const s = await settlementFor(store, 'klynge', 2025);
    expect(s.statements.map((x) => [x.org, x.share])).toEqual([
      ['F', kr(3_000)],
      ['H', kr(2_000)],
      ['R', kr(5_000)],
    ]);
  });
});
