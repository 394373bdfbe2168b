import type { Command } from 'commander';
import { openWorkspace, type Workspace } from '../config/workspace.js';
import { parseLang } from '../i18n.js';
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
      lang: parseLang(o.lang ?? process.env.TVAERBLIK_LANG),
    });
  },
  workspace(cmd) {
    const o = cmd.optsWithGlobals<GlobalOptions>();
    return openWorkspace(
      o.workspace ?? process.env.TVAERBLIK_WORKSPACE ?? '.',
      parseLang(o.lang ?? process.env.TVAERBLIK_LANG),
    );
  },
};

/** A command module adds itself to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
