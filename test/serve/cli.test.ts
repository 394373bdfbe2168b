import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/cli/commands/init.js';
import { runCli } from '../helpers/cli.js';

describe('serve: the command', () => {
  const ws = initWorkspace(path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-serve-cli-')), 'ws'), {
    country: 'DK',
    municipality: '851',
    year: 2024,
    name: 'Test',
  });

  it('refuses a port that is not a number, naming the option', async () => {
    const r = await runCli(['-w', ws, '--lang', 'en', 'serve', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Not a port number: "abc"');
    expect(r.stderr).toContain('--port');
  });

  it('says to run the pipeline first when the workspace has no warehouse', async () => {
    const r = await runCli(['-w', ws, '--lang', 'en', 'serve', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The workspace has no warehouse yet.');
    expect(r.stderr).toContain('tvaerblik run');
    // in the reader's language: Danish by default
    const da = await runCli(['-w', ws, 'serve', '--port', '0']);
    expect(da.stderr).toContain('Arbejdsområdet har endnu intet datalager.');
    expect(da.stderr).toContain('→ kør `tvaerblik run`');
  });

  it('refuses an --allow-host that is not a host name, naming the option', async () => {
    const r = await runCli([
      '-w',
      ws,
      '--lang',
      'en',
      'serve',
      '--port',
      '0',
      '--allow-host',
      'http://evil.example.com:80/',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Not a host name');
    expect(r.stderr).toContain('--allow-host');
  });
});
