import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { ConfigSchema, type Config } from './schema.js';

export const CONFIG_FILE = 'tvaerblik.yaml';

/** An opened workspace: its folder and its validated config. */
export interface Workspace {
  dir: string;
  configPath: string;
  config: Config;
  /** Resolve a path from the config relative to the workspace folder. */
  resolve(p: string): string;
}

/** Open the workspace in `dir` (or the folder holding a given tvaerblik.yaml). */
export function openWorkspace(dirOrFile: string): Workspace {
  const configPath = dirOrFile.endsWith('.yaml')
    ? path.resolve(dirOrFile)
    : path.resolve(dirOrFile, CONFIG_FILE);
  if (!existsSync(configPath)) {
    throw new UserError(`No workspace config found: ${configPath}`, {
      file: configPath,
      hint: 'run `tvaerblik init DIR` to create a workspace, or pass --workspace DIR',
    });
  }
  const config = parseConfig(readFileSync(configPath, 'utf8'), configPath);
  const dir = path.dirname(configPath);
  return { dir, configPath, config, resolve: (p) => (path.isAbsolute(p) ? p : path.join(dir, p)) };
}

/** Parse and validate config text; an error names the key, the bad value and the fix. */
export function parseConfig(text: string, file = CONFIG_FILE): Config {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new UserError(`The config is not valid YAML: ${e.message.split('\n')[0]}`, {
      file,
      row: e.linePos?.[0]?.line,
      hint: 'check indentation and quoting on that line',
    });
  }
  const raw: unknown = doc.toJS();
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) throw configError(result.error, raw, file);
  return result.data;
}

function configError(error: z.ZodError, raw: unknown, file: string): UserError {
  const issue = error.issues[0]!;
  const key = issue.path.map(String).join('.') || '(top level)';
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  return new UserError(`Invalid config value for "${key}": ${shown}`, {
    file,
    key,
    hint: fixFor(issue),
  });
}

function fixFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_type') return `${issue.message}; see docs/workspace.md`;
  if (issue.code === 'unrecognized_keys') return `remove or correct the key(s): ${issue.keys.join(', ')}`;
  return issue.message;
}

function valueAt(raw: unknown, keys: PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
