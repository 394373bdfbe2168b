import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, writeFile } from './helpers.js';

const ID = '170585-2380'; // a synthetic-looking CPR; only pseudonymised, never shown

describe('tvaerblik import / check', () => {
  it('imports with a summary table (da), --json for scripts, exit 3 on a stop failure', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: {
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, `${ID};01-02-2024;28-02-2024;2;SEL-83-PP;1`].join('\n'),
      },
    });
    const human = await runCli(['--workspace', ws.dir, 'import'], { tty: true });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/kilde\s+status\s+læst\s+indlæst\s+afvist\s+import/);
    expect(human.stdout).toMatch(/hjemmepleje\s+indlæst\s+1\s+1\s+0\s+1/);
    expect(human.stdout).toContain('data-quality.html');

    const json = await runCli(['--workspace', ws.dir, '--json', 'import']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { sources: { status: string }[] };
    expect(result.sources[0]!.status).toBe('unchanged');

    const check = await runCli(['--workspace', ws.dir, '--lang', 'en', 'check', '--all'], { tty: true });
    expect(check.code).toBe(0);
    // headers and check names in the reader's language; the id stays beside the name
    expect(check.stdout).toMatch(/Source\s+Check\s+Check id\s+Severity/);
    expect(check.stdout).toMatch(/hjemmepleje\s+Valid format: start date\s+start_date_format\s+stop\s+0/);

    writeFile(
      ws.dir,
      'extracts/hjemmepleje.csv',
      [SERVICE_HEADER, `${ID};not a date;;2;SEL-83-PP;1`].join('\n'),
    );
    const stop = await runCli(['--workspace', ws.dir, '--lang', 'en', 'import'], { tty: true });
    expect(stop.code).toBe(3);
    expect(stop.stderr).toMatch(/start_date_format failed with severity stop .* Nothing was loaded/);
    expect(stop.stdout).toMatch(/hjemmepleje\s+stopped\s+1\s+0\s+1/);
    const checkStop = await runCli(['--workspace', ws.dir, 'check']);
    expect(checkStop.code).toBe(3);
  });
});
