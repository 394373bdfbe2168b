/**
 * The CLI's help in Danish (the default), Swedish and English: every command, option and argument
 * description comes from the message catalogues (locales/cli/<lang>.json, keys `cli.help.…`), and the
 * language is known before commander builds the program: --lang, the workspace's `lang:`,
 * TVAERBLIK_LANG, LANG.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { helpLang, helpTexts } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/main.js';
import { catalogues } from '../../src/core/messages.js';
import type { Lang } from '../../src/i18n.js';
import { runCli } from '../helpers/cli.js';

const LANGS: Lang[] = ['da', 'sv', 'en'];

/** Every command of the program, depth first, with its path ("server add-user"). */
function allCommands(cmd: Command, at: string[] = []): { path: string; cmd: Command }[] {
  return [
    { path: at.join(' ') || '(program)', cmd },
    ...cmd.commands.flatMap((c) => allCommands(c, [...at, c.name()])),
  ];
}

/** Every description of a program that did not come from the catalogue (help texts), by where it is. */
function inlineDescriptions(program: Command): string[] {
  const bad: string[] = [];
  for (const { path: where, cmd } of allCommands(program)) {
    const check = (what: string, description: string | undefined) => {
      if (!description || !helpTexts.has(description))
        bad.push(`${where} ${what}: ${description ?? '(none)'}`);
    };
    check('description', cmd.description());
    for (const o of cmd.options) check(o.long ?? o.flags, o.description);
    for (const a of cmd.registeredArguments) check(`<${a.name()}>`, a.description);
  }
  return bad;
}

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['TVAERBLIK_LANG', 'TVAERBLIK_WORKSPACE', 'LANG', 'LC_ALL', 'LC_MESSAGES']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('tvaerblik --help in three languages', () => {
  it('every command, option and argument description is a catalogue text, in every language', () => {
    for (const lang of LANGS) expect(inlineDescriptions(buildProgram(lang)), lang).toEqual([]);
  });

  it('states a default once: an option commander gives a default has no "(default: …)" of its own', () => {
    for (const lang of LANGS) {
      const word = catalogues()[lang]['cli.help.default']!;
      const twice = allCommands(buildProgram(lang)).flatMap(({ path: where, cmd }) =>
        cmd.options
          .filter((o) => o.defaultValue !== undefined && o.description.includes(`${word}:`))
          .map((o) => `${where} ${o.long}: ${o.description}`),
      );
      expect(twice, lang).toEqual([]);
    }
  });

  it('the help texts have a key in all three catalogues, and differ between Danish and English', () => {
    const c = catalogues();
    const keys = (lang: Lang) =>
      Object.keys(c[lang])
        .filter((k) => k.startsWith('cli.help.'))
        .sort();
    expect(keys('sv')).toEqual(keys('da'));
    expect(keys('en')).toEqual(keys('da'));
    expect(keys('da').length).toBeGreaterThan(60);
    // a description left in English in the Danish catalogue (a few words are the same in both)
    const same = keys('da').filter((k) => c.da[k] === c.en[k] && !/^(DK|SE)\b/.test(c.en[k]!));
    expect(same).toEqual([]);
  });

  it('prints the help in Danish by default, in Swedish or English with --lang', async () => {
    delete process.env.TVAERBLIK_LANG;
    process.env.LANG = 'C.UTF-8';
    const da = await runCli(['--help']);
    expect(da.code).toBe(0);
    expect(da.stdout).toContain('Brug: tvaerblik [tilvalg] [kommando]');
    expect(da.stdout).toContain('kør hele forløbet på et arbejdsområde');
    const sv = await runCli(['--lang', 'sv', 'run', '--help']);
    expect(sv.stdout).toContain('Användning: tvaerblik run [flaggor]');
    expect(sv.stdout).toContain('stanna efter detta steg: import, cost, trajectories');
    expect(sv.stdout).toContain('(standard: report)');
    const en = await runCli(['--lang=en', 'server', 'add-user', '--help']);
    expect(en.stdout).toContain('Usage: tvaerblik server add-user [options] <username>');
    expect(en.stdout).toContain('the name to sign in with');
    // commander's own "(default: …)" follows the language
    const port = await runCli(['--lang', 'da', 'serve', '--help']);
    expect(port.stdout).toMatch(/\(0: en vilkårlig ledig port\)\s+\(standard: "8080"\)/);
  });

  it("takes the language from the workspace's lang:, then TVAERBLIK_LANG, then LANG", async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'tvaerblik-help-'));
    writeFileSync(path.join(ws, 'tvaerblik.yaml'), 'lang: sv\n');
    process.env.TVAERBLIK_LANG = 'en';
    expect((await runCli(['-w', ws, '--help'])).stdout).toContain('Användning:');
    expect((await runCli(['--help'])).stdout).toContain('Usage:');
    delete process.env.TVAERBLIK_LANG;
    process.env.LANG = 'sv_SE.UTF-8';
    expect((await runCli(['--help'])).stdout).toContain('Användning:');
    process.env.LANG = 'fr_FR.UTF-8';
    expect((await runCli(['--help'])).stdout).toContain('Brug:');
  });

  it('reads the language options before parsing, in each spelling, up to "--"', () => {
    const env = {};
    expect(helpLang(['--lang', 'sv', 'run', '--help'], env)).toBe('sv');
    expect(helpLang(['run', '--lang=en'], env)).toBe('en');
    expect(helpLang(['--', '--lang', 'en'], env)).toBe('da');
    // a value that is no language is passed over (the command's --lang check names it)
    expect(helpLang(['--lang', 'fi'], { TVAERBLIK_LANG: 'sv' })).toBe('sv');
    expect(helpLang(['--report-lang', 'en'], env)).toBe('da');
    const ws = mkdtempSync(path.join(tmpdir(), 'tvaerblik-help-'));
    writeFileSync(path.join(ws, 'tvaerblik.yaml'), 'lang: en\ncountry: [broken\n');
    // a config that is not YAML leaves the choice to the next source
    expect(helpLang(['-w', ws], { LANG: 'sv_SE.UTF-8' })).toBe('sv');
    writeFileSync(path.join(ws, 'tvaerblik.yaml'), 'lang: en\n');
    expect(helpLang([`-w${ws}`], env)).toBe('en');
    expect(helpLang(['--workspace', ws, '--lang', 'da'], env)).toBe('da');
    expect(helpLang([], { TVAERBLIK_WORKSPACE: ws })).toBe('en');
  });
});
