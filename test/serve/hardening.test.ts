import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCheck, startServer, type RunningServer } from '../../src/serve/server.js';
import { writeFixtureWarehouse } from './fixture.js';

let server: RunningServer;
let port: number;
const logged: string[] = [];

beforeAll(async () => {
  server = await startServer({
    warehouse: await writeFixtureWarehouse(),
    config: { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851', '461'] },
    threshold: 5,
    port: 0,
    recheckMs: 0,
    allowedHosts: ['dashboard.example.org'],
    log: (l) => logged.push(l),
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => server?.close());

/** A raw request: the path is sent as written (no normalisation) and the Host header as given. */
function raw(path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve: hostile requests', () => {
  it('answers prototype keys as query parameters with 400, not 500', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const r = await raw(`/api/tables/mart_cost_interval?${key}=1`);
      expect(r.status, key).toBe(400);
      expect(JSON.parse(r.text).error, key).toContain(`Ukendt parameter "${key}"`);
    }
    expect((await raw('/api/tables/__proto__')).status).toBe(404);
    expect((await raw('/api/tables/constructor.csv')).status).toBe(404);
    expect(logged).toEqual([]);
  });

  it('refuses an address holding a person number with 400, never echoing it', async () => {
    // written forms: DK DDMMYY-SSSS, SE YYYYMMDD-NNNN and the 100-year "+", percent-encoded or not
    for (const path of [
      '/api/tables/mart_lorenz?municipality=010101-1234',
      '/api/tables/mart_lorenz?x=19121212%2D1212',
      '/overview/cases/121212+1212',
      '/010101-1234',
    ]) {
      const r = await raw(path);
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.text).error, path).toBe(
        'Adressen ser ud til at indeholde et CPR-nummer. Et CPR-nummer sendes aldrig i en adresse: skriv det i sidens felt til det.',
      );
    }
    // a UUID is no person number (its first groups may be all digits)
    expect((await raw('/api/tables/mart_lorenz?x=12345678-1234-1234-1234-123456789012')).status).toBe(400);
    expect((await raw('/api/tables/mart_lorenz?x=12345678-1234-1234-1234-123456789012')).text).toContain(
      'Ukendt parameter',
    );
    expect(logged).toEqual([]);
  });

  it('answers malformed percent-escapes with 400, not 500', async () => {
    for (const path of ['/%E0%A4%A', '/%zz', '/app/%c0.js', '/api/tables/mart_lorenz?x=%E0%A4%A']) {
      const r = await raw(path);
      expect(r.status, path).toBe(400);
    }
    expect(logged).toEqual([]);
  });

  it('refuses a Host header that is not this server (DNS rebinding)', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'dashboard.example.org']) {
      expect((await raw('/api/health', host)).status, host).toBe(200);
    }
    for (const host of [
      `evil.example.com:${port}`,
      'evil.example.com',
      `localhost.evil.example.com:${port}`,
      `127.0.0.1:${port + 1}`,
      'localhost',
    ]) {
      const r = await raw('/api/health', host);
      expect(r.status, host).toBe(403);
      expect(r.text).not.toContain('evil');
    }
    // the dashboard itself too, not only the API
    expect((await raw('/', `evil.example.com:${port}`)).status).toBe(403);
    // no Host header at all (HTTP/1.0) is refused as well
    const check = hostCheck('127.0.0.1', () => 8080, []);
    expect([
      check(undefined),
      check(''),
      check('127.0.0.1:8080'),
      check('[::1]:8080'),
      check('::1:8080'),
    ]).toEqual([false, false, true, true, false]);
    // a configured name in any spelling a user may give it
    const named = hostCheck('0.0.0.0', () => 8080, ['Dashboard.Kommune.DK.', '[fd00::5]']);
    expect([named('dashboard.kommune.dk'), named('[fd00::5]:8080'), named('0.0.0.0:8080')]).toEqual([
      true,
      true,
      false,
    ]);
    // bound to a LAN address: that address is accepted too, with the port
    expect(hostCheck('192.168.1.5', () => 8080, [])('192.168.1.5:8080')).toBe(true);
  });

  it('serves only the built web assets: no tsconfig.json, no source maps, no sources', async () => {
    expect((await raw('/')).status).toBe(200);
    expect((await raw('/styles.css')).status).toBe(200);
    expect((await raw('/app/main.js')).status).toBe(200);
    for (const path of [
      '/tsconfig.json',
      '/app/main.js.map',
      '/app/i18n.js.map',
      '/src/main.ts',
      '/app/main.d.ts',
    ]) {
      expect((await raw(path)).status, path).toBe(404);
    }
  });

  it('does not echo long input back in an error', async () => {
    const long = 'A'.repeat(10_000);
    for (const path of [
      `/api/tables/mart_cost_interval?${long}=1`,
      `/api/tables/mart_cost_interval?municipality=${long}`,
      `/api/tables/mart_cost_interval?sort=${long}`,
      `/api/tables/mart_cost_interval?limit=${long}`,
      `/api/tables/mart_cost_interval?lang=${long}`,
      `/api/tables/${long}`,
      `/api/${long}`,
      `/${long}`,
    ]) {
      const r = await raw(path);
      expect(r.status, path.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(r.text.length, path.slice(0, 60)).toBeLessThan(2000);
      expect(r.text).not.toContain('A'.repeat(100));
    }
  });
});
