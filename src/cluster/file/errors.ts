/**
 * Errors of a cluster file: each names the file and the entry (a path in the YAML, or a sheet and row
 * of a workbook), in the user's language (locales/cluster, `cluster-data.*`).
 */
import path from 'node:path';
import { hasMessage, t } from '../../core/messages.js';
import { UserError } from '../../errors.js';
import type { Lang } from '../../i18n.js';

/**
 * Where an entry came from, by its path (`grants.2`, `projects.0.budget.1`): the line of a YAML file,
 * or the sheet and row of a workbook.
 */
export type Origins = Map<string, { sheet?: string; row: number }>;

/** A text the message shows in the reader's language (a problem found by the schema). */
export type Localised = (lang: Lang) => string;

/** A user error from this module, with the file and the entry named; a var may be a localised text. */
export function fileError(
  key: string,
  file: string,
  entry: string,
  vars: Record<string, string | number | Localised> = {},
  loc: { row?: number; column?: string } = {},
): UserError {
  const render = (lang: Lang) => {
    const v: Record<string, string | number> = { file: path.basename(file), entry };
    for (const [k, x] of Object.entries(vars)) v[k] = typeof x === 'function' ? x(lang) : x;
    const k = `cluster-data.${key}`;
    return {
      message: t(lang, `${k}.msg`, v),
      hint: hasMessage(`${k}.hint`) ? t(lang, `${k}.hint`, v) : undefined,
    };
  };
  const en = render('en');
  return new UserError(
    en.message,
    { file, key: entry, ...loc, ...(en.hint ? { hint: en.hint } : {}) },
    2,
    render,
  );
}

const ORIGINS = new WeakMap<object, Origins>();

/** Remember where a validated file's entries came from (its lines or its sheets and rows). */
export function rememberOrigins<T extends object>(doc: T, origins: Origins | undefined): T {
  if (origins) ORIGINS.set(doc, origins);
  return doc;
}

/**
 * The line or the sheet and row of an entry path (`['projects', 3, 'budget', 1, 'kroner']`): the
 * longest prefix that has an origin, so a budget line names its own row of the budget sheet.
 */
export function originOf(
  origins: Origins | undefined,
  p: readonly PropertyKey[],
): { row: number; column?: string } | undefined {
  if (!origins) return undefined;
  for (let n = p.length; n >= 2; n--) {
    const o = origins.get(p.slice(0, n).map(String).join('.'));
    if (o) return o.sheet ? { row: o.row, column: o.sheet } : { row: o.row };
  }
  return undefined;
}

/**
 * A load's user error with the line (YAML) or the sheet and row (workbook) of the entry it names
 * (`costs[3] …` → the third cost's origin), so every message of a load points into the file.
 */
export function withOrigin(e: unknown, doc: object): unknown {
  if (!(e instanceof UserError) || e.location.row !== undefined) return e;
  const m = /^([a-z_]+)\[(\d+)\]/.exec(e.location.key ?? '');
  const o = m ? originOf(ORIGINS.get(doc), [m[1]!, Number(m[2]) - 1]) : undefined;
  if (!o) return e;
  return new UserError(e.message, { ...e.location, ...o }, e.exitCode, e.localise);
}

/** Re-throw a rule's user error (fund rules, forecast checks) with the file and entry it came from. */
export async function at<T>(file: string, entry: string, fn: () => Promise<T>, loc = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UserError) {
      const localise = e.localise;
      const where = `${path.basename(file)}: ${entry}`;
      throw new UserError(
        `${where}: ${e.message}`,
        { ...e.location, file, key: entry, ...loc },
        e.exitCode,
        localise
          ? (lang) => {
              const r = localise(lang);
              return { ...r, message: `${where}: ${r.message}` };
            }
          : undefined,
      );
    }
    throw e;
  }
}
