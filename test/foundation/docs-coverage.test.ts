/**
 * A new user learns Tværblik from README.md and docs/ alone: every page of docs/ is linked from the
 * README, and every command and option of the CLI is named somewhere in them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const pages = readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md'));
const docs = [readme, ...pages.map((f) => readFileSync(new URL(`docs/${f}`, root), 'utf8'))].join('\n');

/** Every command below the program, depth first, with its path ("server add-user"). */
function commands(cmd: Command, at: string[] = []): { path: string; cmd: Command }[] {
  return cmd.commands.flatMap((c) => [
    { path: [...at, c.name()].join(' '), cmd: c },
    ...commands(c, [...at, c.name()]),
  ]);
}

describe('README and docs cover the product', () => {
  it('links every page of docs/ from the README', () => {
    expect(pages.filter((f) => !readme.includes(`(docs/${f})`))).toEqual([]);
  });

  it('names every top-level command in the README', () => {
    const missing = buildProgram('en')
      .commands.map((c) => c.name())
      .filter((name) => name !== 'help' && !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('documents every command as `tvaerblik …` or by name, and every long option', () => {
    const missing: string[] = [];
    for (const { path, cmd } of commands(buildProgram('en'))) {
      if (path === 'help') continue;
      const leaf = path.split(' ').at(-1)!;
      if (!docs.includes(`tvaerblik ${path}`) && !docs.includes(`\`${leaf}\``) && !docs.includes(` ${leaf} `))
        missing.push(path);
      for (const o of cmd.options)
        if (o.long && o.long !== '--help' && !docs.includes(o.long)) missing.push(`${path} ${o.long}`);
    }
    expect(missing).toEqual([]);
  });
});
