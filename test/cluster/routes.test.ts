// The cluster's pages inside the real server: roles, CSRF, ownership, the downloads with hand-computed figures.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedStore } from '../../src/store/open.js';
import { clusterServer, type ClusterServer } from './server-fixture.js';

let server: ClusterServer;
let store: OpenedStore;
let app: FastifyInstance;
let session: ClusterServer['session'];

beforeAll(async () => {
  server = await clusterServer(
    [
      ['sekretariat', 'cluster_secretariat', 'R'],
      ['hospital', 'economic_owner', 'H'],
      ['favrskov', 'economic_owner', 'F'],
      ['analytiker', 'analyst', 'R'],
    ] as const,
    async (store) => {
      await store.exec(`
        INSERT INTO cluster_org (id, name, kind, chair) VALUES
          ('R', 'Randers Kommune', 'municipality', true), ('F', 'Favrskov Kommune', 'municipality', false),
          ('H', 'Regionshospitalet Randers', 'hospital', false);
        INSERT INTO cluster_fund (id, name, allows, carry_over) VALUES ('klynge', 'Klyngemidler', ARRAY['development'], true);
        INSERT INTO cluster_grant (fund, year, member, amount_ore) VALUES
          ('klynge', 2024, 'R', 50000000), ('klynge', 2024, 'F', 30000000), ('klynge', 2024, 'H', 20000000);
        INSERT INTO cluster_project (id, title, fund, owner) VALUES ('LAB', 'Laboratorium', 'klynge', 'H');
        INSERT INTO cluster_budget_line (project, year, category, amount_ore) VALUES ('LAB', 2024, 'development', 6000000);
      `);
    },
  );
  ({ store, app, session } = server);
}, 180_000);
afterAll(async () => server?.close());
const post = (s: { cookie: string; csrf: string }, url: string, fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });

async function sheetRows(body: Buffer, sheet: number): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[sheet]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('cluster pages', () => {
  it('refuses the analyst and anyone signed out', async () => {
    const analyst = await session('analytiker');
    expect((await app.inject({ url: '/cluster', headers: { cookie: analyst.cookie } })).statusCode).toBe(403);
    expect([401, 302, 303]).toContain((await app.inject({ url: '/cluster?year=2024' })).statusCode);
  });

  it('the secretariat records a decision; a post without the CSRF token is refused', async () => {
    const s = await session('sekretariat');
    const noToken = await app.inject({
      method: 'POST',
      url: '/cluster/decisions',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'project=LAB&meeting=2024-01-12&outcome=approved&frame=60000',
    });
    expect(noToken.statusCode).toBe(403);
    const ok = await post(s, '/cluster/decisions', {
      project: 'LAB',
      meeting: '2024-01-12',
      outcome: 'approved',
      frame: '60000',
    });
    expect(ok.statusCode).toBe(303);
    const page = await app.inject({ url: '/cluster?year=2024&lang=da', headers: { cookie: s.cookie } });
    expect(page.body).toContain('Laboratorium');
    expect(page.body).toContain('60.000,00');
  });

  it('an economic owner reports for its own project only; another member is refused', async () => {
    const h = await session('hospital');
    expect(
      (
        await post(h, '/cluster/spend', {
          project: 'LAB',
          org: 'H',
          year: '2024',
          amount: '45.000', // Danish thousands: 45,000 kr (it was read as 45 kr), in the figures below
          kind: 'expected',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await post(h, '/cluster/spend', {
          project: 'LAB',
          org: 'H',
          year: '2024',
          amount: '60000',
          kind: 'actual',
        })
      ).statusCode,
    ).toBe(303);
    const f = await session('favrskov');
    const refused = await post(f, '/cluster/spend', {
      project: 'LAB',
      org: 'F',
      year: '2024',
      amount: '1',
      kind: 'expected',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('økonomiansvarlig');
    const bad = await post(h, '/cluster/spend', {
      project: 'LAB',
      org: 'H',
      year: '2024',
      amount: '12.50.0',
      kind: 'expected',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('downloads the meeting overview and the settlement with the hand-computed figures', async () => {
    const s = await session('sekretariat');
    const overview = await app.inject({
      url: '/cluster/overview.xlsx?year=2024&lang=da',
      headers: { cookie: s.cookie },
    });
    expect(overview.statusCode).toBe(200);
    expect(await sheetRows(overview.rawPayload, 0)).toEqual([
      ['Projekt', 'Økonomiansvarlig', 'Pulje', 'Ramme (kr.)', 'Budget 2024 (kr.)', 'Budget 2025 (kr.)'],
      ['Laboratorium', 'Regionshospitalet Randers', 'Klyngemidler', 60000, 60000, 0],
    ]);
    expect((await sheetRows(overview.rawPayload, 1))[1]).toEqual(
      ['Laboratorium', 'Regionshospitalet Randers', 45000, null].filter((v) => v !== null),
    );
    // 60,000 kr. paid by the hospital, shared 50/30/20 by the members' grants
    const st = await app.inject({
      url: '/cluster/settlement.xlsx?fund=klynge&year=2024&lang=en',
      headers: { cookie: s.cookie },
    });
    expect(await sheetRows(st.rawPayload, 0)).toEqual([
      [
        'Organisation',
        'Paid (kr.)',
        'Share (kr.)',
        'On account paid (kr.)',
        'On account received (kr.)',
        'Balance (kr.)',
      ],
      ['Favrskov Kommune', 0, 18000, 0, 0, -18000],
      ['Regionshospitalet Randers', 60000, 12000, 0, 0, 48000],
      ['Randers Kommune', 0, 30000, 0, 0, -30000],
    ]);
    expect(await sheetRows(st.rawPayload, 1)).toEqual([
      ['From', 'To', 'Amount (kr.)'],
      ['Randers Kommune', 'Regionshospitalet Randers', 30000],
      ['Favrskov Kommune', 'Regionshospitalet Randers', 18000],
    ]);
    const exports = await store.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'cluster.export'",
    );
    expect(exports.length).toBe(2);
  });
});

describe('a health council that took over the cluster (issue 20 item 4)', () => {
  it('the pages name the council, its member municipalities, the predecessor cluster and the date; its indicator carries the cluster as history', async () => {
    // added last: the tests above see the cluster without a council
    await store.exec(`
      INSERT INTO cluster_org (id, name, kind, chair, valid_to, successor, succession) VALUES
        ('K', 'Randersklyngen', 'cluster', false, '2026-12-31', 'S', 'succeeded_by');
      INSERT INTO cluster_org (id, name, kind, chair, valid_from, members) VALUES
        ('S', 'Sundhedsråd Midt', 'health_council', false, '2027-01-01', ARRAY['R', 'F']);
      INSERT INTO cluster_takeover (from_org, to_org, takes_over, recorded_by) VALUES ('K', 'S', '2027-01-01', 'test');
      INSERT INTO cluster_indicator_def (id, title, source, better, baseline_period, target_change_pct)
        VALUES ('rygestop', 'Henvisninger til rygestop', 'reported', 'higher', '2026', 50);
      INSERT INTO cluster_indicator_value (indicator, org, period, value, reported_by) VALUES
        ('rygestop', 'R', '2026', 20, 'test'), ('rygestop', 'F', '2026', 10, 'test'),
        ('rygestop', 'R', '2027', 30, 'test'), ('rygestop', 'F', '2027', 15, 'test');
    `);
    const s = await session('sekretariat');
    const overview = await app.inject({ url: '/cluster?year=2027&lang=da', headers: { cookie: s.cookie } });
    expect(overview.statusCode).toBe(200);
    const council =
      /<section aria-labelledby="h-council-0"[\s\S]*?<\/section>/.exec(overview.body)?.[0] ?? '';
    expect(council).toContain('<h2 id="h-council-0">Sundhedsråd Midt (sundhedsråd)</h2>');
    expect(council).toContain(
      '<dt>Medlemskommuner</dt><dd><ul><li>Randers Kommune</li><li>Favrskov Kommune</li></ul></dd>',
    );
    expect(council).toContain('<dt>Overtog klyngen</dt><dd>Randersklyngen</dd>');
    expect(council).toContain(
      '<dt>Overtagelsesdato</dt><dd><time datetime="2027-01-01">01-01-2027</time></dd>',
    );

    const page = await app.inject({ url: '/cluster/indicators?lang=en', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sundhedsråd Midt (health council)</h2>');
    expect(page.body).toContain('<dt>Took over the cluster</dt><dd>Randersklyngen</dd>');
    expect(page.body).toContain('<time datetime="2027-01-01">1 Jan 2027</time>');
    // 2026: 20 + 10 = 30 (the cluster's), target +50 % = 45; 2027: 30 + 15 = 45 (the council's):
    // progress (45 − 30) / (45 − 30) × 100 = 100 %, met; the row is the council's, the cluster its history
    const councilRow = /<tr><th scope="row">Sundhedsråd Midt[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
    expect(councilRow).toContain('<span class="muted">(until 31 Dec 2026: Randersklyngen)</span>');
    expect(councilRow).toMatch(
      /<td class="num">30<\/td><td class="num">45<\/td><td>2027<\/td><td class="num">45<\/td>/,
    );
    expect(councilRow).toContain('<td class="num">100 %</td>');
  });
});
