import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { openWorkspace } from '../../src/config/workspace.js';

describe('tvaerblik init', () => {
  it('creates a workspace with a valid config, folders and a private key', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tvb-init-')), 'ws');
    const r = await runCli([
      'init',
      dir,
      '--country',
      'SE',
      '--municipality',
      '0180',
      '--year',
      '2023',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).workspace).toBe(dir);
    const ws = openWorkspace(dir);
    expect(ws.config.country).toBe('SE');
    expect(ws.config.currency).toBe('SEK');
    expect(ws.config.municipalities).toEqual(['0180']);
    for (const f of ['extracts', 'mappings', 'warehouse', 'reports'])
      expect(existsSync(path.join(dir, f))).toBe(true);
    const key = path.join(dir, 'secrets', 'pseudonym.key');
    expect(readFileSync(key, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(key).mode & 0o077).toBe(0);
    expect(readFileSync(path.join(dir, 'tvaerblik.yaml'), 'utf8')).not.toContain(
      readFileSync(key, 'utf8').trim(),
    );
  });

  it('refuses a non-empty folder and a bad country with exit code 2 and a fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvb-init-'));
    await runCli(['init', path.join(dir, 'a')]);
    const again = await runCli(['--lang', 'en', 'init', path.join(dir, 'a')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty[\s\S]*→ choose a new folder/);
    const bad = await runCli(['--lang', 'en', 'init', path.join(dir, 'b'), '--country', 'NO']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use DK or SE');
    // Danish by default, Swedish on request
    expect((await runCli(['init', path.join(dir, 'a')])).stderr).toMatch(
      /Mappen er ikke tom[\s\S]*→ vælg et nyt/,
    );
    expect((await runCli(['--lang', 'sv', 'init', path.join(dir, 'a')])).stderr).toContain(
      'Mappen är inte tom',
    );
  });

  it('prints Danish by default and English with --lang en', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvb-init-'));
    const da = await runCli(['init', path.join(dir, 'da')], { tty: true });
    expect(da.stdout).toContain('Arbejdsområde oprettet');
    const en = await runCli(['--lang', 'en', 'init', path.join(dir, 'en')], { tty: true });
    expect(en.stdout).toContain('Workspace created');
  });

  it('refuses import and run right after init: no sources configured (exit 2, not "0 rows")', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tvb-init-')), 'ws');
    await runCli(['init', dir]);
    const imp = await runCli(['-w', dir, 'import', '--lang', 'en']);
    expect(imp.code).toBe(2);
    expect(imp.stderr).toContain('No sources are configured');
    expect(imp.stderr).toContain('docs/ingest.md');
    const run = await runCli(['-w', dir, 'run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Ingen kilder er konfigureret');
    expect(existsSync(path.join(dir, 'reports', 'report.html'))).toBe(false);
  });

  it('reports a config error with the key, the value and the fix', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tvb-init-')), 'ws');
    await runCli(['init', dir]);
    const { writeFileSync } = await import('node:fs');
    const p = path.join(dir, 'tvaerblik.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('threshold: 5', 'threshold: 1'));
    expect(() => openWorkspace(dir)).toThrow(/suppression\.threshold.*1/);
  });
});
