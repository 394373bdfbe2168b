/**
 * What every step of loading a cluster file shares (src/cluster/load.ts): the transaction, the actor,
 * the counts of changed rows and the audit detail, and the checks of a reference to an organisation or
 * a fund (it exists, with "did you mean"; an organisation only while it is valid, naming its successor).
 */
import { didYouMean } from '../../core/did-you-mean.js';
import type { Db } from '../../store/db.js';
import { loadCluster, type ClusterActor } from '../store.js';
import { nextDay, resolverFor, validIn, validOn } from '../succession.js';
import type { Organisation } from '../model.js';
import { fileError } from './errors.js';

export interface LoadContext {
  tx: Db;
  actor: ClusterActor;
  file: string;
  /** rows inserted or changed per table */
  changed: Record<string, number>;
  /** the detail of the one audit entry of the load */
  audit: Record<string, unknown>[];
  /** count a changed row of a table and note it for the audit */
  note: (table: string, detail: Record<string, unknown>) => void;
  /** "projects[2] (lab)": an entry of the file for messages */
  entry: (table: string, i: number, id?: string) => string;
}

export function loadContext(
  tx: Db,
  actor: ClusterActor,
  file: string,
  tables: readonly string[],
): LoadContext {
  const changed: Record<string, number> = Object.fromEntries(tables.map((t) => [t, 0]));
  const audit: Record<string, unknown>[] = [];
  return {
    tx,
    actor,
    file,
    changed,
    audit,
    note: (table, detail) => {
      changed[table] = (changed[table] ?? 0) + 1;
      audit.push(detail);
    },
    entry: (table, i, id) => `${table}[${i + 1}]${id ? ` (${id})` : ''}`,
  };
}

/** The organisations and funds stored (the file's and those loaded before), and the checks of a reference. */
export interface References {
  orgs: string[];
  funds: string[];
  orgInfo: ReadonlyMap<string, Organisation>;
  /** refuse a value that is not one of the choices, with "did you mean" */
  ref: (entry: string, field: string, value: string, choices: string[]) => void;
  /** refuse an organisation referred to in a year or on a day outside its validity, naming its successor */
  during: (entry: string, field: string, id: string, when: number | string) => void;
}

export async function references(ctx: LoadContext): Promise<References> {
  const { tx, file } = ctx;
  const orgs = (
    await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM cluster_org ORDER BY id')
  ).map((o) => o.id);
  const funds = (await tx.query<{ id: string }>('SELECT id FROM cluster_fund ORDER BY id')).map((f) => f.id);
  const ref = (entry: string, field: string, value: string, choices: string[]) => {
    if (choices.includes(value)) return;
    const s = didYouMean(value, choices);
    throw fileError(s ? 'unknown_ref_suggest' : 'unknown_ref', file, entry, {
      field,
      value: value.slice(0, 60),
      suggestion: s ?? '',
      choices: choices.join(', ') || '-',
    });
  };
  // organisations that change: referenced only while they exist, successors and councils checked
  const orgInfo = new Map((await loadCluster(tx)).orgs.map((o) => [o.id, o]));
  const resolve = resolverFor([...orgInfo.values()]);
  const during = (entry: string, field: string, id: string, when: number | string) => {
    const o = orgInfo.get(id);
    if (!o || (typeof when === 'number' ? validIn(o, when) : validOn(o, when))) return;
    const vars = {
      field,
      value: id,
      when,
      from: o.validFrom ?? '…',
      to: o.validTo ?? '…',
    };
    const later = o.validTo !== undefined && String(when) > o.validTo;
    const successor = later
      ? resolve(id, typeof when === 'number' ? when : Number(when.slice(0, 4)) + 1)
      : id;
    if (later && o.validTo && successor !== id)
      throw fileError('outside_validity_successor', file, entry, {
        ...vars,
        successor,
        successor_from: nextDay(o.validTo),
      });
    throw fileError('outside_validity', file, entry, vars);
  };
  return { orgs, funds, orgInfo, ref, during };
}
