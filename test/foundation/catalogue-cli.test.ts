import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('tvaerblik catalogue', () => {
  it('searches by paragraph and prints JSON with the catalogue version', async () => {
    const r = await runCli(['catalogue', '§ 96', '--catalogue', 'dk', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { catalogue: string; version: string; services: { code: string }[] };
    expect(body.catalogue).toBe('dk');
    expect(body.version).toMatch(/\d/);
    expect(body.services.map((s) => s.code)).toContain('SEL-96');
  });

  it('filters by validity date: the Ældreloven entries only from 2025-07-01', async () => {
    const before = JSON.parse(
      (await runCli(['catalogue', 'Ældreloven', '--date', '2025-06-30', '--json'])).stdout,
    );
    const after = JSON.parse(
      (await runCli(['catalogue', 'Ældreloven', '--date', '2025-07-01', '--json'])).stdout,
    );
    expect(before.services).toHaveLength(0);
    expect(after.services.length).toBeGreaterThan(0);
  });

  it('prints a table in the chosen language at a terminal', async () => {
    const r = await runCli(['--lang', 'en', 'catalogue', 'BPA'], { tty: true });
    expect(r.stdout).toMatch(/Catalogue dk version .*: 1 service\n/);
    expect(r.stdout).toContain('SEL-96');
  });

  it('refuses an unknown area with the allowed values', async () => {
    const r = await runCli(['catalogue', '--area', 'moon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('brug et af: elderly');
    const en = await runCli(['--lang', 'en', 'catalogue', '--area', 'moon']);
    expect(en.stderr).toContain('use one of: elderly');
  });
});
