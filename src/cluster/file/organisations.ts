/**
 * The organisations of a cluster file: members, the cluster, health councils with their member
 * municipalities, validity and successors, and a council's takeover of the cluster's funds and
 * projects (src/cluster/succession.ts).
 */
import type { ClusterFile } from './schema.js';
import type { LoadContext, References } from './context.js';
import { at, fileError } from './errors.js';
import { recordTakeover } from '../store.js';
import { nextDay, previousDay } from '../succession.js';

/** Upsert the organisations (before everything else refers to them). */
export async function saveOrganisations(ctx: LoadContext, list: ClusterFile['organisations']): Promise<void> {
  const { tx, file, note, entry: E } = ctx;
  for (const [i, o] of list.entries()) {
    const entry = E('organisations', i, o.id);
    if (o.succeeded_by && o.merged_into)
      throw fileError('invalid', file, entry, { problem: 'succeeded_by or merged_into, not both' });
    if (o.valid_from && o.valid_to && o.valid_to < o.valid_from)
      throw fileError('invalid', file, entry, {
        problem: `valid_to ${o.valid_to} is before valid_from ${o.valid_from}`,
      });
    const successor = o.succeeded_by ?? o.merged_into ?? null;
    if (successor && !o.valid_to) throw fileError('successor_without_end', file, entry, { successor });
    if (o.members && o.kind !== 'health_council') throw fileError('members_not_council', file, entry);
    const cols = [
      o.name,
      o.kind,
      o.chair === true,
      o.municipality ?? null,
      o.valid_from ?? null,
      o.valid_to ?? null,
      successor,
      successor ? (o.merged_into ? 'merged_into' : 'succeeded_by') : null,
      o.members ?? null,
    ];
    const r = await tx.query(
      `INSERT INTO cluster_org (id, name, kind, chair, municipality, valid_from, valid_to, successor, succession, members)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10::text[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, chair = EXCLUDED.chair,
         municipality = EXCLUDED.municipality, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
         successor = EXCLUDED.successor, succession = EXCLUDED.succession, members = EXCLUDED.members
       WHERE (cluster_org.name, cluster_org.kind, cluster_org.chair, cluster_org.municipality, cluster_org.valid_from,
              cluster_org.valid_to, cluster_org.successor, cluster_org.succession, cluster_org.members)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.chair, EXCLUDED.municipality, EXCLUDED.valid_from,
              EXCLUDED.valid_to, EXCLUDED.successor, EXCLUDED.succession, EXCLUDED.members)
       RETURNING id`,
      [o.id, ...cols],
    );
    if (r.length)
      note('organisations', {
        org: o.id,
        ...(o.valid_from || o.valid_to ? { valid: `${o.valid_from ?? '…'}–${o.valid_to ?? '…'}` } : {}),
        ...(successor ? { [o.merged_into ? 'merged_into' : 'succeeded_by']: successor } : {}),
      });
  }
}

/** A successor exists the day after its predecessor ends; a council's members are municipalities valid when it starts. */
export function checkSuccession(
  ctx: LoadContext,
  refs: References,
  list: ClusterFile['organisations'],
): void {
  const { file, entry: E } = ctx;
  const { orgs, orgInfo, ref, during } = refs;
  for (const [i, o] of list.entries()) {
    const entry = E('organisations', i, o.id);
    const successor = o.succeeded_by ?? o.merged_into;
    if (successor) {
      ref(entry, o.merged_into ? 'merged_into' : 'succeeded_by', successor, orgs);
      during(entry, o.merged_into ? 'merged_into' : 'succeeded_by', successor, nextDay(o.valid_to!));
    }
    for (const m of o.members ?? []) {
      ref(entry, 'members', m, orgs);
      if (orgInfo.get(m)!.kind !== 'municipality')
        throw fileError('member_not_municipality', file, entry, { member: m, kind: orgInfo.get(m)!.kind });
      if (o.valid_from) during(entry, 'members', m, o.valid_from);
    }
  }
}

/** Record a council's takeover of a cluster (through the store function, audited). */
export async function saveTakeovers(
  ctx: LoadContext,
  refs: References,
  list: ClusterFile['takeovers'],
): Promise<void> {
  const { tx, actor, file, changed, entry: E } = ctx;
  const { orgs, orgInfo, ref, during } = refs;
  for (const [i, t] of list.entries()) {
    const entry = E('takeovers', i, `${t.from} → ${t.to}`);
    ref(entry, 'from', t.from, orgs);
    ref(entry, 'to', t.to, orgs);
    if (orgInfo.get(t.from)!.kind !== 'cluster' || orgInfo.get(t.to)!.kind !== 'health_council')
      throw fileError('takeover_kinds', file, entry, {
        from: t.from,
        to: t.to,
        from_kind: orgInfo.get(t.from)!.kind,
        to_kind: orgInfo.get(t.to)!.kind,
      });
    during(entry, 'from', t.from, previousDay(t.date));
    during(entry, 'to', t.to, t.date);
    // counted only when a file has takeovers (a file without them reports the tables it always had)
    if (await at(file, entry, () => recordTakeover(tx, actor, t)))
      changed.takeovers = (changed.takeovers ?? 0) + 1;
  }
}
