import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  AREAS,
  CATALOGUE_SECTORS,
  loadCatalogue,
  searchCatalogue,
  type Area,
  type CatalogueSector,
} from '../../catalogue/catalogue.js';
import { CONFIG_FILE, openWorkspace } from '../../config/workspace.js';
import { workspaceCatalogue as catalogueOf } from '../../core/paths.js';
import { text, userError } from '../../core/messages.js';
import { tr } from '../../i18n.js';
import type { GlobalOptions, RegisterCommand } from '../context.js';

interface CatalogueOptions {
  catalogue?: string;
  area?: string;
  sector?: string;
  date?: string;
}

export const registerCatalogue: RegisterCommand = (program, ctx) => {
  program
    .command('catalogue')
    .alias('katalog')
    .description(ctx.help('catalogue.about'))
    .argument('[query...]', ctx.help('catalogue.arg.query'))
    .option('--catalogue <id>', ctx.help('catalogue.opt.catalogue'))
    .option('--area <area>', ctx.help('catalogue.opt.area', { areas: AREAS.join(', ') }))
    .option('--sector <sector>', ctx.help('catalogue.opt.sector'))
    .option('--date <yyyy-mm-dd>', ctx.help('catalogue.opt.date'))
    .addHelpText('after', ctx.help('catalogue.examples'))
    .action((query: string[], opts: CatalogueOptions, cmd: Command) => {
      const out = ctx.output(cmd);
      const catalogue = loadCatalogue(
        opts.catalogue ?? workspaceCatalogue(cmd.optsWithGlobals<GlobalOptions>()),
      );
      if (opts.area && !(AREAS as readonly string[]).includes(opts.area)) {
        throw userError(
          'cli.catalogue.area',
          { value: opts.area, areas: AREAS.join(', ') },
          { key: '--area' },
        );
      }
      if (opts.sector && !(CATALOGUE_SECTORS as readonly string[]).includes(opts.sector)) {
        throw userError('cli.catalogue.sector', { value: opts.sector }, { key: '--sector' });
      }
      if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
        throw userError('cli.catalogue.date', { value: opts.date }, { key: '--date' });
      }
      const found = searchCatalogue(catalogue, query.join(' '), out.lang, {
        area: opts.area as Area | undefined,
        sector: opts.sector as CatalogueSector | undefined,
        date: opts.date,
      });
      if (out.json) {
        out.result({ catalogue: catalogue.catalogue, version: catalogue.version, services: found });
        return;
      }
      out.info(
        tr(text('cli.catalogue.summary'), out.lang, {
          id: catalogue.catalogue,
          v: catalogue.version,
          n: found.length,
        }),
      );
      out.table(
        found.map((s) => ({
          code: s.code,
          law: `${s.law} ${s.paragraph}`,
          name: s.name[out.lang],
          unit: s.unit,
          area: s.area,
          valid: `${s.valid_from} – ${s.valid_to ?? ''}`,
        })),
      );
    });
};

/** The catalogue named by the workspace config when there is one, else the Danish one. */
function workspaceCatalogue(o: GlobalOptions): string {
  const dir = o.workspace ?? process.env.TVAERBLIK_WORKSPACE ?? '.';
  if (!existsSync(path.join(dir, CONFIG_FILE))) return 'dk';
  return catalogueOf(openWorkspace(dir));
}
