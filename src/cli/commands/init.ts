import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../../config/workspace.js';
import { configTemplate } from '../../config/template.js';
import { text, userError } from '../../core/messages.js';
import { generateKey } from '../../ids/pseudonymise.js';
import { tr } from '../../i18n.js';
import type { RegisterCommand } from '../context.js';

/** Folders of a workspace: extracts in, mappings beside them, the warehouse and reports out. */
export const WORKSPACE_FOLDERS = ['extracts', 'mappings', 'warehouse', 'reports', 'secrets'];

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description(ctx.help('init.about'))
    .argument('<dir>', ctx.help('init.arg.dir'))
    .option('--country <country>', ctx.help('init.opt.country'), 'DK')
    .option('--municipality <code>', ctx.help('init.opt.municipality'))
    .option('--year <year>', ctx.help('init.opt.year'), String(new Date().getFullYear() - 1))
    .option('--name <name>', ctx.help('init.opt.name'))
    .action(
      (dir: string, opts: { country: string; municipality?: string; year: string; name?: string }, cmd) => {
        const out = ctx.output(cmd);
        const country = opts.country.toUpperCase();
        if (country !== 'DK' && country !== 'SE') {
          throw userError('cli.country', { value: String(opts.country) }, { key: '--country' });
        }
        const year = Number(opts.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) {
          throw userError('cli.init.year', { value: String(opts.year) }, { key: '--year' });
        }
        const target = initWorkspace(dir, {
          country,
          municipality: opts.municipality ?? (country === 'DK' ? '851' : '0180'),
          year,
          name: opts.name ?? path.basename(path.resolve(dir)),
        });
        out.info(tr(text('cli.init.done'), out.lang, { dir: target }));
        out.result({ workspace: target, config: path.join(target, CONFIG_FILE), folders: WORKSPACE_FOLDERS });
      },
    );
};

/** Create the workspace folder; refuses to overwrite a folder that has content. */
export function initWorkspace(
  dir: string,
  o: { country: 'DK' | 'SE'; municipality: string; year: number; name: string },
  configText?: string,
): string {
  const target = path.resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw userError('cli.init.not_empty', { folder: target }, { file: target });
  }
  for (const f of WORKSPACE_FOLDERS) mkdirSync(path.join(target, f), { recursive: true });
  writeFileSync(path.join(target, CONFIG_FILE), configText ?? configTemplate(o));
  // The key is created here and never printed; git must not see it nor the warehouse.
  writeFileSync(path.join(target, 'secrets', 'pseudonym.key'), generateKey() + '\n', {
    mode: 0o600,
  });
  writeFileSync(path.join(target, '.gitignore'), 'secrets/\nwarehouse/\nreports/\n');
  return target;
}
