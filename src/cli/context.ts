import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILE, openWorkspace, type Workspace } from '../config/workspace.js';
import { t, userError, type MessageVars } from '../core/messages.js';
import { LANGS, parseLang, type Lang } from '../i18n.js';
import { createOutput, type Output } from './output.js';

/** What every command gets: global options resolved into an output, a way to open the workspace, and its help texts. */
export interface CliContext {
  output(cmd: Command): Output;
  workspace(cmd: Command): Workspace;
  /** the help language: decided before commander builds the program (see helpLang) */
  readonly lang: Lang;
  /**
   * A command's, option's or argument's description from locales/cli/<lang>.json, key `cli.help.<key>`
   * (`run.about`, `run.opt.until`, `init.arg.dir`). test/foundation/cli-help.test.ts fails when a
   * description did not come from here.
   */
  help(key: string, vars?: MessageVars): string;
}

export interface GlobalOptions {
  json?: boolean;
  lang?: string;
  workspace?: string;
}

/** The texts `help` gave out, so the test can tell a catalogue description from an inline one. */
export const helpTexts = new Set<string>();

/** The context of a program whose help is written in `lang`. */
export function createCliContext(lang: Lang): CliContext {
  return {
    lang,
    output(cmd) {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      return createOutput({ json: o.json ? true : undefined, lang: readerLang(o) });
    },
    workspace(cmd) {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      return openWorkspace(workspaceDir(o.workspace), readerLang(o));
    },
    help(key, vars) {
      const s = t(lang, `cli.help.${key}`, vars);
      helpTexts.add(s);
      return s;
    },
  };
}

const workspaceDir = (option: string | undefined) => option ?? process.env.TVAERBLIK_WORKSPACE ?? '.';

/**
 * The reader's language: --lang, else the workspace's `lang:`, else TVAERBLIK_LANG, else LANG, else
 * Danish. An unknown --lang or TVAERBLIK_LANG is a user error naming the choices (an unknown `lang:` is
 * the config check's to name).
 */
function readerLang(o: GlobalOptions): Lang {
  if (o.lang !== undefined) return checkedLang(o.lang, '--lang');
  const configured = workspaceLang(workspaceDir(o.workspace));
  if (isLang(configured)) return configured;
  const env = process.env.TVAERBLIK_LANG;
  if (env !== undefined) return checkedLang(env, 'TVAERBLIK_LANG');
  return systemLang() ?? 'da';
}

function checkedLang(value: string, key: string): Lang {
  try {
    return parseLang(value);
  } catch {
    throw userError('cli.lang', { value, langs: LANGS.join(', ') }, { key });
  }
}

const isLang = (value: string | undefined): value is Lang =>
  value !== undefined && (LANGS as readonly string[]).includes(value);

/**
 * The help language, read from the command line before commander parses it (commander builds the
 * help from the descriptions it is given): --lang, else the `lang:` of the workspace named by -w (or
 * TVAERBLIK_WORKSPACE, or the current folder), else TVAERBLIK_LANG, else LANG, else Danish. A value
 * that is not a language is passed over here; the command's own --lang check names it.
 * @example helpLang(['--lang', 'sv', 'run', '--help'], {}) // 'sv'
 */
export function helpLang(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let lang: string | undefined;
  let workspace: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const value = (long: string, short?: string): string | undefined => {
      if (a === long || (short && a === short)) return argv[++i];
      if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
      if (short && a.startsWith(short) && a.length > short.length) return a.slice(short.length);
      return undefined;
    };
    lang = value('--lang') ?? lang;
    workspace = value('--workspace', '-w') ?? workspace;
  }
  const wsDir = workspace ?? env.TVAERBLIK_WORKSPACE ?? '.';
  return [lang, workspaceLang(wsDir), env.TVAERBLIK_LANG].find(isLang) ?? systemLang(env) ?? 'da';
}

/** The `lang:` of a workspace's tvaerblik.yaml, read without validating the rest (help must work on a broken config). */
function workspaceLang(dirOrFile: string): string | undefined {
  const file = dirOrFile.endsWith('.yaml') ? dirOrFile : path.join(dirOrFile, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const raw = parseYaml(readFileSync(file, 'utf8')) as { lang?: unknown } | null;
    return typeof raw?.lang === 'string' ? raw.lang : undefined;
  } catch {
    return undefined;
  }
}

/** The language of the system locale (LC_ALL, LC_MESSAGES, LANG: `sv_SE.UTF-8` → sv), when it is one of ours. */
function systemLang(env: NodeJS.ProcessEnv = process.env): Lang | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  const code = locale?.slice(0, 2).toLowerCase();
  return isLang(code) ? code : undefined;
}

/** A command module adds itself to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
