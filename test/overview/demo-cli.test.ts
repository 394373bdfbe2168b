/*
 * `tvaerblik overview demo` on a workspace's embedded store: the demo loads (23 entries, five
 * synthetic citizens), --users creates the two try-out users once with the password from
 * $TVAERBLIK_DEMO_PASSWORD, a second run keeps them and loads the same 23 entries, and a password
 * that is too short exits 2 naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD_ENV } from '../../src/cli/commands/overview.js';
import { overviewDemo } from '../../src/overview/demo.js';
import { runCli } from '../helpers/cli.js';
import { cliWorkspace } from './cli-workspace.js';

const where = cliWorkspace('tvb-overview-cli-');

describe('tvaerblik overview demo', () => {
  it('a too short password in the environment exits 2 naming the variable', async () => {
    process.env[DEMO_PASSWORD_ENV] = 'kort';
    const r = await runCli(['-w', where.ws, '--lang', 'en', 'overview', 'demo', '--users']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The password in ${DEMO_PASSWORD_ENV} is too short: at least 12 characters.`);
  }, 120_000);

  it('loads the demo with the try-out users, and again without changing them', async () => {
    process.env[DEMO_PASSWORD_ENV] = 'en lang adgangskode til afprøvning';
    const first = await runCli(['-w', where.ws, '--json', 'overview', 'demo', '--users']);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      organisation: 'demo',
      entries: 23,
      findings: 0,
      citizens: overviewDemo().citizens,
      users: { sagsbehandler: { created: true }, datakontakt: { created: true } },
    });
    // the password came from the environment: it is not printed
    expect(out.password).toBeUndefined();
    const human = await runCli(['-w', where.ws, '--lang', 'da', 'overview', 'demo', '--users'], {
      tty: true,
    });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('23 registreringer om 5 syntetiske borgere og 5 datakontakter');
    expect(human.stdout).toContain('Brugeren sagsbehandler findes allerede; adgangskoden er ikke ændret.');
    expect(human.stdout).toContain(`  Borger A: ${overviewDemo().citizens[0]!.personId}`);
    expect(human.stdout).not.toContain('Adgangskode til de nye brugere');
  }, 300_000);
});
