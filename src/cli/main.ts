import { Command, CommanderError, Help, type Argument, type Option } from 'commander';
import { UserError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { commands } from './commands/index.js';
import { createCliContext, helpLang } from './context.js';

/**
 * Build the `tvaerblik` program with its help in `lang` (every description from locales/cli/<lang>.json);
 * exported so tests can run commands in-process.
 */
export function buildProgram(lang: Lang = helpLang(process.argv.slice(2))): Command {
  const ctx = createCliContext(lang);
  const titles: Record<string, string> = {
    'Usage:': ctx.help('title.usage'),
    'Options:': ctx.help('title.options'),
    'Arguments:': ctx.help('title.arguments'),
    'Commands:': ctx.help('title.commands'),
    'Global Options:': ctx.help('title.global_options'),
  };
  const defaultWord = ctx.help('default');
  // commander writes "(default: …)" after an option's description; the word follows the help language
  const withDefault = (s: string) => s.replace(/\bdefault: (?=[^()]*\)$)/, `${defaultWord}: `);
  // and the placeholders of its usage lines
  const options = `[${ctx.help('term.options')}]`;
  const command = `[${ctx.help('term.command')}]`;
  const terms = (s: string) => s.replace(/\[options\]/g, options).replace(/\[command\]/g, command);
  const program = new Command('tvaerblik')
    .description(ctx.help('program.about'))
    .helpOption('-h, --help', ctx.help('program.opt.help'))
    .helpCommand('help [command]', ctx.help('program.help_command'))
    .configureHelp({
      showGlobalOptions: false,
      styleTitle: (title) => titles[title] ?? title,
      commandUsage(cmd: Command) {
        return terms(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(cmd: Command) {
        return terms(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription(option: Option) {
        return withDefault(Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(argument: Argument) {
        return withDefault(Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .option('-w, --workspace <dir>', ctx.help('program.opt.workspace'))
    .option('--lang <lang>', ctx.help('program.opt.lang'))
    .option('--json', ctx.help('program.opt.json'))
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program, ctx);
  return program;
}

/** Run the CLI; user errors and bugs are mapped to exit codes here and only here. */
export async function main(argv: string[]): Promise<number> {
  // the language is known before commander builds the help (which it does from the descriptions)
  const lang = helpLang(argv);
  const program = buildProgram(lang);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 64;
    if (e instanceof UserError) {
      process.stderr.write(`tvaerblik: ${e.describe(lang)}\n`);
      return e.exitCode;
    }
    process.stderr.write(
      `tvaerblik: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`,
    );
    return 70;
  }
}
