import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';
import { parseLang, type Lang } from '../i18n.js';
import { commands } from './commands/index.js';
import { cliContext } from './context.js';

/** Build the `tvaerblik` program; exported so tests can run commands in-process. */
export function buildProgram(): Command {
  const program = new Command('tvaerblik')
    .description(
      'Tværblik: one view across departments and sectors of the services each citizen receives and what they cost.\n' +
        'Start with `tvaerblik demo` (a synthetic municipality) or `tvaerblik init DIR` (your own workspace).',
    )
    .option('-w, --workspace <dir>', 'the workspace folder (default: the current folder)')
    .option('--lang <lang>', 'language of output: da (default), sv, en')
    .option('--json', 'machine-readable JSON output (also the default when output is piped)')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program, cliContext);
  return program;
}

/** The reader's language for an error; a bad --lang falls back to Danish (its own error says so). */
function errorLang(program: Command): Lang {
  try {
    return parseLang((program.opts().lang as string | undefined) ?? process.env.TVAERBLIK_LANG);
  } catch {
    return 'da';
  }
}

/** Run the CLI; user errors and bugs are mapped to exit codes here and only here. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 64;
    if (e instanceof UserError) {
      process.stderr.write(`tvaerblik: ${e.describe(errorLang(program))}\n`);
      return e.exitCode;
    }
    process.stderr.write(
      `tvaerblik: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`,
    );
    return 70;
  }
}
