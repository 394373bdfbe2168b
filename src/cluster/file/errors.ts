/**
 * Errors of a cluster file: each names the file and the entry (a path in the YAML, or a sheet and row
 * of a workbook), in the user's language (locales/cluster, `cluster-data.*`).
 */
import path from 'node:path';
import { userError } from '../../core/messages.js';
import { UserError } from '../../errors.js';

/** Where an entry came from: a path in the YAML, or a sheet and row of a workbook. */
export type Origins = Map<string, { sheet: string; row: number }>;

/** A user error from this module, with the file and the entry named. */
export function fileError(
  key: string,
  file: string,
  entry: string,
  vars: Record<string, string | number> = {},
  loc: { row?: number; column?: string } = {},
): UserError {
  return userError(
    `cluster-data.${key}`,
    { file: path.basename(file), entry, ...vars },
    { file, key: entry, ...loc },
  );
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
