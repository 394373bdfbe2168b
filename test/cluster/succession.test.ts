/**
 * Organisations that change (issue 20 item 4): Region Sjælland merged into Region Østdanmark and a
 * health council taking over a cluster's fund on 2027-01-01. Every figure is computed by hand below.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balances } from '../../src/cluster/funds.js';
import { loadClusterFile, parseClusterDoc, readClusterFile } from '../../src/cluster/load.js';
import { fundBalances, loadCluster, settlementFor, type ClusterActor } from '../../src/cluster/store.js';
import { holderIn, holderOn, resolverFor } from '../../src/cluster/succession.js';
import { verifyAudit } from '../../src/store/audit.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const secretariat: ClusterActor = { id: 'u-sek', roles: ['cluster_secretariat'], organisation: 'holbaek' };

/** A small cluster in Region Sjælland that becomes a health council's on 2027-01-01. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function doc(): Record<string, any> {
  return {
    cluster: 'Holbækklyngen',
    organisations: [
      {
        id: 'klynge',
        name: 'Holbækklyngen',
        kind: 'cluster',
        valid_to: '2026-12-31',
        succeeded_by: 'raad',
      },
      {
        id: 'raad',
        name: 'Sundhedsråd Vestsjælland',
        kind: 'health_council',
        valid_from: '2027-01-01',
        members: ['holbaek', 'kalundborg'],
      },
      { id: 'holbaek', name: 'Holbæk Kommune', kind: 'municipality', municipality: '316', chair: true },
      { id: 'kalundborg', name: 'Kalundborg Kommune', kind: 'municipality', municipality: '326' },
      { id: 'regsj', name: 'Region Sjælland', kind: 'region', valid_to: '2026-12-31', merged_into: 'oest' },
      { id: 'regh', name: 'Region Hovedstaden', kind: 'region', valid_to: '2026-12-31', merged_into: 'oest' },
      { id: 'oest', name: 'Region Østdanmark', kind: 'region', valid_from: '2027-01-01' },
    ],
    takeovers: [{ date: '2027-01-01', from: 'klynge', to: 'raad' }],
    funds: [{ id: 'pulje', name: 'Klyngepuljen', allows: ['development'], carry_over: true }],
    grants: [
      { fund: 'pulje', year: 2026, amounts: { holbaek: 100000, kalundborg: 60000, regsj: 40000 } },
      { fund: 'pulje', year: 2027, amounts: { holbaek: 50000, kalundborg: 30000, oest: 20000 } },
    ],
    projects: [
      {
        id: 'overgange',
        title: 'Gode overgange',
        fund: 'pulje',
        owner: 'holbaek',
        budget: [
          { year: 2026, category: 'development', kroner: 90000 },
          { year: 2027, category: 'development', kroner: 150000 },
        ],
      },
    ],
    decisions: [{ project: 'overgange', meeting: '2026-02-01', outcome: 'approved', frame_kroner: 240000 }],
    costs: [
      { project: 'overgange', org: 'holbaek', year: 2026, kroner: 70000 },
      { project: 'overgange', org: 'regsj', year: 2026, kroner: '10000.01' },
      { project: 'overgange', org: 'holbaek', year: 2027, kroner: 120000 },
    ],
  };
}

let store: OpenedStore;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => store?.close());

const load = (d: unknown) =>
  loadClusterFile(store, secretariat, parseClusterDoc('vest.yaml', d), 'vest.yaml');

describe('a file referring to an organisation outside its validity is refused, naming the entry and the fix', () => {
  it('a 2027 cost by Region Sjælland names Region Østdanmark from 2027-01-01', async () => {
    const d = doc();
    d.costs[2].org = 'regsj';
    const e = (await load(d).catch((x: unknown) => x)) as Error;
    expect(e.message).toMatch(
      /vest\.yaml: costs\[3\] \(overgange\): org regsj exists … – 2026-12-31, not in 2027/,
    );
    expect(JSON.stringify(e)).toMatch(/Use oest instead, which continues regsj from 2027-01-01/);
    const [n] = await store.query<{ n: unknown }>('SELECT count(*) AS n FROM cluster_org');
    expect(Number(n!.n)).toBe(0);
  });

  it('a council member that does not exist yet, and a takeover from a municipality', async () => {
    const d = doc();
    d.organisations[2].valid_from = '2027-06-01';
    await expect(load(d)).rejects.toThrow(
      /organisations\[2\] \(raad\): members holbaek exists 2027-06-01 – …, not in 2027-01-01/,
    );
    const d2 = doc();
    d2.takeovers[0].from = 'holbaek';
    await expect(load(d2)).rejects.toThrow(
      /takeovers\[1\] \(holbaek → raad\): a takeover goes from a cluster/,
    );
  });

  it('a successor without valid_to, and a misspelt key with "did you mean"', async () => {
    const d = doc();
    delete d.organisations[4].valid_to;
    await expect(load(d)).rejects.toThrow(
      /organisations\[5\] \(regsj\): the organisation has a successor \(oest\)/,
    );
    const d2 = doc();
    d2.organisations[4].vaild_to = '2026-12-31';
    expect(() => parseClusterDoc('vest.yaml', d2)).toThrow(
      /the key "vaild_to" is not known – did you mean "valid_to"\?/,
    );
  });
});

describe('the council takes over the fund with its history', () => {
  beforeAll(async () => {
    await load(doc());
  });

  it('2026 closes under the members of 2026; 2027 opens the carried balance under Region Østdanmark', async () => {
    const rows = await fundBalances(store);
    const row = (year: number, member: string) => rows.find((b) => b.year === year && b.member === member)!;
    // 2026 settlement key 100000 : 60000 : 40000 kr. = 5 : 3 : 2 of 80000.01 kr. = 8000001 øre:
    // 4000000.5 / 2400000.3 / 1600000.2 øre → the remaining øre to the largest remainder (holbaek)
    expect(row(2026, 'holbaek')).toMatchObject({ opening: 0n, grant: 10000000n, drawn: 4000001n });
    expect(row(2026, 'holbaek').closing).toBe(5999999n); // 10000000 − 4000001
    expect(row(2026, 'kalundborg').closing).toBe(3600000n); // 6000000 − 2400000
    expect(row(2026, 'regsj')).toMatchObject({ closing: 2400000n, carriedTo: 'oest', holder: 'klynge' }); // 4000000 − 1600000
    expect(row(2026, 'holbaek').holder).toBe('klynge');
    // 2027: key 50000 : 30000 : 20000 = 5 : 3 : 2 of 120000 kr. → 6000000 / 3600000 / 2400000 øre drawn
    expect(row(2027, 'holbaek')).toMatchObject({ opening: 5999999n, grant: 5000000n, drawn: 6000000n });
    expect(row(2027, 'holbaek').closing).toBe(4999999n); // 5999999 + 5000000 − 6000000
    expect(row(2027, 'kalundborg').closing).toBe(3000000n); // 3600000 + 3000000 − 3600000
    expect(row(2027, 'oest')).toMatchObject({ opening: 2400000n, grant: 2000000n, drawn: 2400000n });
    expect(row(2027, 'oest').closing).toBe(2000000n); // 2400000 (Region Sjælland's) + 2000000 − 2400000
    expect(row(2027, 'oest').holder).toBe('raad');
    expect(rows.some((b) => b.year === 2027 && b.member === 'regsj')).toBe(false);
    // the fund under the council: carry-over 11999999 + 2027 grants 10000000 − spend 12000000 = 9999999 øre
    const y2027 = rows.filter((b) => b.year === 2027);
    expect(y2027.reduce((s, b) => s + b.opening, 0n)).toBe(11999999n);
    expect(y2027.reduce((s, b) => s + b.closing, 0n)).toBe(9999999n);
  });

  it('the 2026 settlement shows the cluster and Region Sjælland; the 2027 one the council and Region Østdanmark', async () => {
    const s26 = await settlementFor(store, 'pulje', 2026);
    expect(s26.holder).toBe('klynge');
    expect(s26.total).toBe(8000001n); // 7000000 + 1000001
    expect(s26.statements.map((s) => [s.org, s.net])).toEqual([
      ['holbaek', 2999999n], // paid 7000000 − share 4000001
      ['kalundborg', -2400000n], // 0 − 2400000
      ['regsj', -599999n], // 1000001 − 1600000
    ]);
    const s27 = await settlementFor(store, 'pulje', 2027);
    expect(s27.holder).toBe('raad');
    expect(s27.statements.map((s) => [s.org, s.net])).toEqual([
      ['holbaek', 6000000n], // 12000000 − 6000000
      ['kalundborg', -3600000n],
      ['oest', -2400000n],
    ]);
  });

  it('the project moves to the council on the date; the takeover is audited; a reload changes nothing', async () => {
    const state = await loadCluster(store);
    expect(holderOn(state.orgs, state.takeovers, '2026-12-31')).toBe('klynge');
    expect(holderOn(state.orgs, state.takeovers, '2027-01-01')).toBe('raad');
    expect(state.orgs.find((o) => o.id === 'raad')?.members).toEqual(['holbaek', 'kalundborg']);
    const [a] = await store.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'cluster.takeover'`,
    );
    expect(a!.detail).toEqual({ from: null, to: { council: 'raad', date: '2027-01-01' } });
    expect((await load(doc())).total).toBe(0);
    const d = doc();
    d.takeovers[0].date = '2027-07-01';
    d.organisations[0].valid_to = '2027-06-30';
    d.organisations[1].valid_from = '2027-07-01';
    expect((await load(d)).changed.takeovers).toBe(1);
    // a takeover during 2027: the council holds the fund at the year's end and settles 2027
    const after = await loadCluster(store);
    expect(holderIn(after.orgs, after.takeovers, 2027)).toBe('raad');
    expect(holderOn(after.orgs, after.takeovers, '2027-03-01')).toBe('klynge');
    expect((await verifyAudit(store)).ok).toBe(true);
  });
});

describe('the shipped example', () => {
  it('catalogues/cluster/example-takeover-2027.yaml is the cluster of this test', async () => {
    const file = fileURLToPath(
      new URL('../../catalogues/cluster/example-takeover-2027.yaml', import.meta.url),
    );
    expect(await readClusterFile(file, readFileSync(file))).toEqual(parseClusterDoc('vest.yaml', doc()));
  });
});

describe('balances follow a merger without a store', () => {
  it('a year with no grants keeps both regions’ carried money under their successor', () => {
    const orgs = [
      { id: 'regsj', name: 'Sj', kind: 'region' as const, validTo: '2026-12-31', successor: 'oest' },
      { id: 'regh', name: 'H', kind: 'region' as const, validTo: '2026-12-31', successor: 'oest' },
      { id: 'oest', name: 'Øst', kind: 'region' as const, validFrom: '2027-01-01' },
    ];
    const fund = { id: 'f', name: 'F', allows: ['development' as const], carryOver: true };
    const rows = balances(
      [fund],
      [
        { fund: 'f', year: 2026, member: 'regsj', amount: 300n },
        { fund: 'f', year: 2026, member: 'regh', amount: 700n },
      ],
      [{ fund: 'f', year: 2027, member: 'oest', amount: 250n }],
      resolverFor(orgs),
    );
    // 2027 opening: 300 + 700 = 1000; closing 1000 − 250 = 750
    expect(rows.find((b) => b.year === 2027)).toMatchObject({
      member: 'oest',
      opening: 1000n,
      closing: 750n,
    });
    expect(rows.filter((b) => b.year === 2027)).toHaveLength(1);
  });
});
