import type { Command } from 'commander';
import { openWorkspace, type Workspace } from '../config/workspace.js';
import { userError } from '../core/messages.js';
import { LANGS, parseLang, type Lang } from '../i18n.js';
import { createOutput, type Output } from './output.js';

/** What every command gets: global options resolved into an output and a way to open the workspace. */
export interface CliContext {
  output(cmd: Command): Output;
  workspace(cmd: Command): Workspace;
}

export interface GlobalOptions {
  json?: boolean;
  lang?: string;
  workspace?: string;
}

export const cliContext: CliContext = {
  output(cmd) {
    const o = cmd.optsWithGlobals<GlobalOptions>();
    return createOutput({
      json: o.json ? true : undefined,
      lang: readerLang(o.lang),
    });
  },
  workspace(cmd) {
    const o = cmd.optsWithGlobals<GlobalOptions>();
    return openWorkspace(o.workspace ?? process.env.TVAERBLIK_WORKSPACE ?? '.', readerLang(o.lang));
  },
};

/** --lang (or TVAERBLIK_LANG) as a language; an unknown one is a user error naming the choices. */
function readerLang(option: string | undefined): Lang {
  const value = option ?? process.env.TVAERBLIK_LANG;
  try {
    return parseLang(value);
  } catch {
    throw userError(
      'cli.lang',
      { value: String(value), langs: LANGS.join(', ') },
      { key: option === undefined ? 'TVAERBLIK_LANG' : '--lang' },
    );
  }
}

/** A command module adds itself to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
