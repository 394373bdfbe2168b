import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/output.js';
import { generateDemo } from '../../src/demo/generate.js';
import { UserError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

describe('the command line and the demo speak the reader language (texts from locales/cli and locales/)', () => {
  it('an unknown --lang is a user error naming the choices (it was exit 70, "internal error", in English)', async () => {
    const r = await runCli(['--lang', 'xx', 'run']);
    expect(r.code).toBe(2);
    // the error itself falls back to Danish, the default
    expect(r.stderr).toBe(
      [
        'tvaerblik: Ukendt sprog "xx"',
        '  (key: --lang)',
        '  → brug et af: da, sv, en (dansk er standard)',
        '',
      ].join('\n'),
    );
  });

  it('run --until with an unknown stage, in Swedish', async () => {
    const r = await runCli(['--lang', 'sv', 'run', '--until', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        'tvaerblik: Okänt steg för --until: "nowhere"',
        '  (key: --until)',
        '  → använd ett av: import, cost, trajectories, analyse, report',
        '',
      ].join('\n'),
    );
  });

  it('an empty table reads "(0 rækker)" / "(0 rader)" / "(0 rows)"', () => {
    expect(renderTable([], undefined, 'da')).toBe('(0 rækker)');
    expect(renderTable([], undefined, 'sv')).toBe('(0 rader)');
    expect(renderTable([], undefined, 'en')).toBe('(0 rows)');
  });

  it("the demo's folder error in each language, English in the message for logs", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-demo-full-'));
    writeFileSync(path.join(dir, 'kept.txt'), 'x');
    const e = await generateDemo({ country: 'DK', persons: 10, out: dir }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    const err = e as UserError;
    expect(err.message).toBe(`The folder is not empty: ${dir}`);
    expect(err.describe('da')).toBe(
      [
        `Mappen er ikke tom: ${dir}`,
        `  (file: ${dir})`,
        '  → vælg en ny mappe til demo-arbejdsområdet (--out), eller tøm denne først',
      ].join('\n'),
    );
    expect(err.describe('sv').split('\n')[0]).toBe(`Mappen är inte tom: ${dir}`);
  });
});
