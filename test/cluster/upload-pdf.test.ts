// The cluster pages' upload of a cluster file (role, CSRF, size limit, errors with sheet and row,
// all or nothing, audited), the settlement statement as a real PDF with the hand-computed figures,
// and the indicators page with the reported values suppressed.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLUSTER_FILE } from '../../src/cluster/load.js';
import type { OpenedStore } from '../../src/store/open.js';
import { clusterServer, type ClusterServer } from './server-fixture.js';

let server: ClusterServer;
let store: OpenedStore;
let app: FastifyInstance;
let ids: Record<string, string>;
let session: ClusterServer['session'];

beforeAll(async () => {
  server = await clusterServer([
    ['sekretariat', 'cluster_secretariat', 'randers'],
    ['hospital', 'economic_owner', 'rhr'],
  ] as const);
  ({ store, app, ids, session } = server);
}, 180_000);
afterAll(async () => server?.close());

/** A multipart form as a browser sends it: the CSRF token and the file. */
async function upload(s: { cookie: string; csrf: string | null }, name: string, bytes: Buffer, lang = 'da') {
  const form = new FormData();
  if (s.csrf) form.set('_csrf', s.csrf);
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  const r = new Response(form);
  return app.inject({
    method: 'POST',
    url: `/cluster/upload?lang=${lang}`,
    headers: { cookie: s.cookie, 'content-type': r.headers.get('content-type')! },
    payload: Buffer.from(await r.arrayBuffer()),
  });
}

/** The text a PDF shows: its content streams inflated, the strings of its text operators decoded. */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let data: string;
    try {
      data = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const t of data.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      // WinAnsi: latin-1 but for a few typographic marks (0x85 …, 0x96 –, 0x97 —)
      out.push(
        [...Buffer.from(t[1]!, 'hex')]
          .map((c) => ({ 0x85: '…', 0x96: '–', 0x97: '—' })[c] ?? String.fromCharCode(c))
          .join(''),
      );
  }
  return out.join('\n');
}

describe('uploading a cluster file on the cluster pages', () => {
  it('is the secretariat’s: an economic owner is refused, and so is a form without the CSRF token', async () => {
    const demo = readFileSync(DEMO_CLUSTER_FILE);
    const owner = await session('hospital');
    expect((await upload(owner, 'demo-randers.yaml', demo)).statusCode).toBe(403);
    const sek = await session('sekretariat');
    expect((await upload({ cookie: sek.cookie, csrf: null }, 'demo-randers.yaml', demo)).statusCode).toBe(
      403,
    );
    expect(await store.query('SELECT id FROM cluster_org')).toEqual([]);
  });

  it('loads the demo, audited, and says how much changed', async () => {
    const sek = await session('sekretariat');
    const r = await upload(sek, 'demo-randers.yaml', readFileSync(DEMO_CLUSTER_FILE));
    expect(r.statusCode).toBe(303);
    // the demo's rows: 7 + 2 + 38 + 3 + 4 + 3 + 9 + 1 + 1 + 1 + 12 + 3 + 20 = 104
    expect(r.headers.location).toBe('/cluster?loaded=104&lang=da');
    const page = await app.inject({ url: r.headers.location!, headers: { cookie: sek.cookie } });
    expect(page.body).toContain('Filen er indlæst: 104 ændringer.');
    const [audit] = await store.query<{ actor: string; subject: string }>(
      `SELECT actor, subject FROM audit_log WHERE action = 'cluster.load'`,
    );
    expect(audit).toEqual({ actor: ids.sekretariat, subject: 'demo-randers.yaml' });
  });

  it('shows an error in the workbook with its sheet and row, in the user’s language, and saves nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const orgs = wb.addWorksheet('organisationer');
    orgs.addRow(['id', 'navn', 'type']);
    orgs.addRow(['ny1', 'Ny Kommune', 'municipality']);
    orgs.addRow(['ny2', 'Anden Kommune', 'kommune']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const sek = await session('sekretariat');
    const r = await upload(sek, 'klynge.xlsx', bytes);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('organisations[2] (ny2).kind');
    expect(r.body).toContain('ark organisationer, række 3');
    const en = await upload(sek, 'klynge.xlsx', bytes, 'en');
    expect(en.body).toContain('sheet organisationer, row 3');
    expect(await store.query(`SELECT id FROM cluster_org WHERE id LIKE 'ny%'`)).toEqual([]);
    const refused = await store.query(
      `SELECT subject FROM audit_log WHERE action = 'cluster.upload_refused'`,
    );
    expect(refused.length).toBe(2);
  });

  it('refuses a file over the size limit and a file of another kind', async () => {
    const sek = await session('sekretariat');
    const big = await upload(sek, 'stor.yaml', Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Filen er større end 5 MB.');
    const kind = await upload(sek, 'klynge.csv', Buffer.from('id;navn\n'));
    expect(kind.statusCode).toBe(400);
    expect(kind.body).toContain('klynge.csv er hverken en YAML- eller en Excel-fil.');
  });
});

describe('the settlement statement as PDF', () => {
  it('holds the hand-computed settlement of the stoma funds 2024', async () => {
    const sek = await session('sekretariat');
    const r = await app.inject({
      url: '/cluster/settlement.pdf?fund=stomi&year=2024&lang=da',
      headers: { cookie: sek.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // a real PDF: pdf-lib opens it again, one A4 page in landscape, titled
    const doc = await PDFDocument.load(r.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 841.89, height: 595.28 });
    expect(doc.getTitle()).toBe('Udligning Stomimidler 2023–2027 2024');
    const text = pdfText(r.rawPayload);
    // Randers paid 236,400 kr.; the key 380,320 : 209,176 : 190,160 : 171,144 (of 950,800) is
    // 40 % : 22 % : 20 % : 18 %, so the shares are 94,560 / 52,008 / 47,280 / 42,552 kr.
    // Net: Randers 236,400 − 50,000 (a conto received from Favrskov) − 94,560 = 91,840;
    // Favrskov 50,000 − 52,008 = −2,008; Syddjurs −47,280; Norddjurs −42,552 (sum 0)
    expect(text).toContain('Stomimidler 2023–2027');
    for (const figure of ['236.400,00', '94.560,00', '52.008,00', '91.840,00', '-2.008,00', '47.280,00'])
      expect(text).toContain(figure);
    // the transfers: the largest debtor pays first — three transfers to Randers
    expect(text).toMatch(/Syddjurs Kommune\nRanders Kommune\n47\.280,00/);
    const audit = await store.query(`SELECT 1 FROM audit_log WHERE action = 'cluster.export'`);
    expect(audit.length).toBe(1);
  });

  it('the meeting overview PDF has the approved initiatives', async () => {
    const sek = await session('sekretariat');
    const r = await app.inject({
      url: '/cluster/overview.pdf?year=2024&lang=en',
      headers: { cookie: sek.cookie },
    });
    const text = pdfText(r.rawPayload);
    expect(text).toContain('Initiatives');
    // the approved process coordinator (owner Syddjurs, frame 400,000 kr.)
    expect(text).toMatch(/Syddjurs Kommune\n[^\n]*\n400,000\.00/);
  });
});

describe('the indicators page', () => {
  it('shows baseline, target and progress, and hides a count below the threshold', async () => {
    const owner = await session('hospital');
    const r = await app.inject({ url: '/cluster/indicators?lang=da', headers: { cookie: owner.cookie } });
    expect(r.statusCode).toBe(200);
    // the cluster: 44 + 22 + 19 + 17 = 102 → 153 (+50 %); 2024-H2 hidden (Norddjurs reported 3)
    const cluster = /<tr><th scope="row">Hele klyngen<\/th>.*?<\/tr>/.exec(r.body)![0];
    expect(cluster).toContain(
      '<td class="num">102</td><td class="num">153</td><td>2024-H2</td><td class="num">x</td>',
    );
    // Randers: 44 → 66; latest 38: (38 − 44) / (66 − 44) = −27 %
    expect(r.body).toMatch(
      /Randers Kommune<\/th><td class="num">44<\/td><td class="num">66<\/td><td>2024-H2<\/td><td class="num">38<\/td><td>stigende<\/td><td class="num">-27 %<\/td>/,
    );
    // the hospital's people report only for their own organisation
    expect(r.body).toContain('<select id="i-org" name="org"><option value="rhr">');
  });
});
