import { t, text, userError } from '../../core/messages.js';
import { tr } from '../../i18n.js';
import type { RegisterCommand } from '../context.js';

const MAX_PERSONS = 10_000_000;
const MIN_PERSONS = 1000;

interface DemoCliOptions {
  country: string;
  persons?: string;
  seed?: string;
  out: string;
  municipalities: string;
  years: string;
  firstYear: string;
}

/** A whole number from `min` (default 1) to `max` for `option`, else a UserError naming the option. */
function count(value: string, option: string, max: number, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw userError('cli.demo.range', { option, value, min: String(min), max: String(max) }, { key: option });
  }
  return n;
}

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .description(ctx.help('demo.about'))
    .option('--country <country>', ctx.help('demo.opt.country'), 'DK')
    .option('--persons <n>', ctx.help('demo.opt.persons', { min: MIN_PERSONS, max: MAX_PERSONS }))
    .option('--seed <seed>', ctx.help('demo.opt.seed'))
    .option('--out <dir>', ctx.help('demo.opt.out'), 'tvaerblik-demo')
    .option('--municipalities <n>', ctx.help('demo.opt.municipalities'), '1')
    .option('--years <n>', ctx.help('demo.opt.years'), '1')
    .option('--first-year <year>', ctx.help('demo.opt.first_year'), '2024')
    .action(async (opts: DemoCliOptions, cmd) => {
      const out = ctx.output(cmd);
      // the generator is a tool, not the product: loaded only when this command runs (docs/architecture.md)
      const { generateDemo, DEFAULT_SEED } = await import('../../demo/generate.js');
      const { profileFor } = await import('../../demo/profile.js');
      const { SERIES_MEMBERS, MAX_YEARS, FIRST_YEARS } = await import('../../demo/series.js');
      const country = opts.country.toUpperCase();
      if (country !== 'DK' && country !== 'SE') {
        throw userError('cli.country', { value: opts.country }, { key: '--country' });
      }
      const persons = opts.persons === undefined ? profileFor(country).defaultPersons : Number(opts.persons);
      if (!Number.isInteger(persons) || persons < MIN_PERSONS || persons > MAX_PERSONS) {
        throw userError(
          'cli.demo.persons',
          { value: String(opts.persons), min: String(MIN_PERSONS), max: String(MAX_PERSONS) },
          { key: '--persons' },
        );
      }
      const seed = Number(opts.seed ?? DEFAULT_SEED);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        throw userError('cli.demo.seed', { value: String(opts.seed) }, { key: '--seed' });
      }
      const municipalities = count(opts.municipalities, '--municipalities', SERIES_MEMBERS[country].length);
      const years = count(opts.years, '--years', MAX_YEARS);
      const year = count(opts.firstYear, '--first-year', FIRST_YEARS[1], FIRST_YEARS[0]);
      // a series also writes the newcomers of the later years (5 % of the inhabitants a year)
      const bar = out.progress(
        t(out.lang, 'cli.demo.progress'),
        Math.round(persons * (1 + 0.05 * (years - 1))),
      );
      const summary = await generateDemo({
        country,
        persons,
        seed,
        out: opts.out,
        municipalities,
        years,
        year,
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      const c = summary.calibration;
      out.info(
        tr(text('cli.demo.done'), out.lang, {
          dir: summary.dir,
          persons: summary.persons,
          files: summary.files.length,
          users: c.adultUsers,
          adults: c.adults18to64,
          cost: c.adultCostMio,
          top: Math.round(c.top2Share * 1000) / 10,
        }),
      );
      out.result(summary);
    });
};
