import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import { M } from './messages.js';
import { ConfigSchema, type Config } from './schema.js';
import { checkReferences, schemaError } from './validate.js';

export const CONFIG_FILE = 'tvaerblik.yaml';

/** An opened workspace: its folder and its validated config. */
export interface Workspace {
  dir: string;
  configPath: string;
  config: Config;
  /** Resolve a path from the config relative to the workspace folder. */
  resolve(p: string): string;
  /** the config has no `costing:`: services are costed by the amounts on their records (the default) */
  impliedCosting?: boolean;
}

/** Open the workspace in `dir` (or the folder holding a given tvaerblik.yaml). */
export function openWorkspace(dirOrFile: string, lang: Lang = 'da'): Workspace {
  const configPath = dirOrFile.endsWith('.yaml')
    ? path.resolve(dirOrFile)
    : path.resolve(dirOrFile, CONFIG_FILE);
  if (!existsSync(configPath)) {
    throw new UserError(tr(M.noWorkspace, lang, { file: configPath }), {
      file: configPath,
      hint: tr(M.noWorkspaceHint, lang),
    });
  }
  const { config, raw } = parse(readFileSync(configPath, 'utf8'), configPath, lang);
  const dir = path.dirname(configPath);
  return {
    dir,
    configPath,
    config,
    resolve: (p) => (path.isAbsolute(p) ? p : path.join(dir, p)),
    impliedCosting: !(typeof raw === 'object' && raw !== null && 'costing' in raw),
  };
}

/**
 * Parse and validate config text: the schema (every object strict), then the cross references in one step
 * (config/validate.ts). An error names the key path, the bad value, the valid choices and the likely one.
 */
export function parseConfig(text: string, file = CONFIG_FILE, lang: Lang = 'da'): Config {
  return parse(text, file, lang).config;
}

function parse(text: string, file: string, lang: Lang): { config: Config; raw: unknown } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new UserError(tr(M.notYaml, lang, { detail: e.message.split('\n')[0]! }), {
      file,
      row: e.linePos?.[0]?.line,
      hint: tr(M.notYamlHint, lang),
    });
  }
  const raw: unknown = doc.toJS() ?? {};
  const ctx = { file, lang };
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) throw schemaError(result.error.issues, raw, ConfigSchema, ctx);
  checkReferences(result.data, raw, ctx);
  return { config: result.data, raw };
}
