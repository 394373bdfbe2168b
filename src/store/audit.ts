/**
 * The audit trail: an append-only, hash-chained log in the operational store of every read of
 * citizen-level data, every change of consent, budget or plan, every sign-in and every export.
 *
 * Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical content
 * (`entryHash`), so changing, removing or inserting a row anywhere breaks every later link, and
 * `verifyAudit` names the first broken one. Appends take the chain head row FOR UPDATE inside a
 * transaction: concurrent writers (several server processes on one PostgreSQL) queue up and the
 * chain never forks. Triggers refuse UPDATE, DELETE and TRUNCATE of audit rows (sql/store/001_audit.sql).
 */
import { createHash } from 'node:crypto';
import { PURPOSES, type Purpose } from './access.js';
import type { Db } from './db.js';

/** What a caller records. `subject` is a case-store pseudonym (never a raw CPR/personnummer). */
export interface AuditEntry {
  /** the signed-in user's id; null for the system itself (a scheduled job, the CLI without a user) */
  actor: string | null;
  /** what happened, dotted and stable: 'case.read', 'consent.change', 'auth.sign_in', 'audit.export' … */
  action: string;
  /** the purpose the data was processed under */
  purpose: Purpose;
  /** whose data: the citizen's case pseudonym (`caseSubject`), or another entity id */
  subject?: string;
  /** what exactly (ids, counts, fields changed): JSON-serialisable, no person numbers */
  detail?: Record<string, unknown>;
  /** the client's address, when known */
  ip?: string;
}

/** One stored entry of the chain. */
export interface AuditRecord {
  seq: bigint;
  at: Date;
  actor: string | null;
  action: string;
  purpose: Purpose;
  subject: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** A person number as written with its separator (DK DDMMYY-SSSS, SE [YY]YYMMDD-NNNN or +NNNN). */
const WRITTEN_PERSON_NUMBER = /(?<![0-9])(?:\d{6}|\d{8})[-+]\d{4}(?![0-9])/;
/** A UUID (user, project and entry ids): one whose first groups are all digits is no person number. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A field that is nothing but 10 or 12 digits: a person number without separator. */
const BARE_PERSON_NUMBER = /^\s*(?:\d{10}|\d{12})\s*$/;

/** Whether a text holds a person number as written (DDMMYY-SSSS, YYYYMMDD-NNNN …), UUIDs aside. */
export function holdsWrittenPersonNumber(text: string): boolean {
  return WRITTEN_PERSON_NUMBER.test(text.replace(UUID, ' '));
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, no whitespace: the form that is
 * hashed. Values are first passed through JSON (toJSON, undefined dropped), bigint becomes a string.
 */
export function canonicalJson(value: unknown): string {
  return stringifySorted(toJsonValue(value));
}

function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? null : JSON.parse(text);
}

function stringifySorted(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stringifySorted).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringifySorted(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The hash of an entry: SHA-256(prevHash + "\n" + canonical JSON of its fields), lowercase hex. */
export function entryHash(
  prevHash: string,
  r: Pick<AuditRecord, 'seq' | 'at' | 'actor' | 'action' | 'purpose' | 'subject' | 'detail' | 'ip'>,
): string {
  const content = canonicalJson({
    seq: r.seq.toString(),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    purpose: r.purpose,
    subject: r.subject,
    detail: r.detail,
    ip: r.ip,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

function checkEntry(e: AuditEntry): void {
  if (typeof e.action !== 'string' || e.action.trim() === '') throw new Error('appendAudit: action is empty');
  if (!(PURPOSES as readonly string[]).includes(e.purpose))
    throw new Error(`appendAudit: purpose "${String(e.purpose)}" is not one of ${PURPOSES.join(', ')}`);
  // the message names neither the field's value nor the number
  const refuse = () =>
    new Error(
      'appendAudit: the entry contains what looks like a CPR number or personnummer; record the case pseudonym (caseSubject) instead',
    );
  const written = holdsWrittenPersonNumber;
  for (const field of [e.actor, e.subject])
    if (typeof field === 'string' && (BARE_PERSON_NUMBER.test(field) || written(field))) throw refuse();
  // in the detail, numbers (amounts in øre, counts) are free; a text must not be or hold a person number
  const strings: string[] = [];
  JSON.stringify(e.detail ?? null, (_k, v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    return typeof v === 'bigint' ? null : v;
  });
  if (strings.some((v) => written(v) || BARE_PERSON_NUMBER.test(v))) throw refuse();
}

/**
 * Append one entry to the chain. Runs in its own transaction, or as a savepoint of the caller's
 * (pass the transaction's Db so the audit entry commits or rolls back with the change it records).
 * @example
 * await appendAudit(store, { actor: user.id, action: 'case.read', purpose: 'case', subject, ip });
 */
export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  await appendAuditEntries(db, [e]);
}

/**
 * Append several entries, in order, in one transaction: the chain head is locked once for all of
 * them. Every entry is checked before anything is written; one bad entry writes none.
 */
export async function appendAuditEntries(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const e of entries) checkEntry(e);
  const details = entries.map((e) =>
    e.detail === undefined ? null : (toJsonValue(e.detail) as Record<string, unknown>),
  );
  await db.transaction(async (tx) => {
    const heads = await tx.query<{ seq: bigint | string; hash: string }>(
      'SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE',
    );
    const head = heads[0];
    if (!head)
      throw new Error('audit_head is missing: the store was not migrated (openStore runs migrations)');
    let seq = BigInt(head.seq);
    let prevHash = head.hash;
    const rows: unknown[][] = [];
    entries.forEach((e, i) => {
      seq += 1n;
      const detail = details[i]!;
      const record = {
        seq,
        at: new Date(),
        actor: e.actor,
        action: e.action,
        purpose: e.purpose,
        subject: e.subject ?? null,
        detail,
        ip: e.ip ?? null,
      };
      const hash = entryHash(prevHash, record);
      rows.push([
        record.seq.toString(),
        record.at.toISOString(),
        record.actor,
        record.action,
        record.purpose,
        record.subject,
        detail === null ? null : JSON.stringify(detail),
        record.ip,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    });
    // each entry moves the head one step (a trigger allows no more), all in this one transaction
    for (const row of rows) {
      await tx.query(
        `INSERT INTO audit_log (seq, at, actor, action, purpose, subject, detail, ip, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10)`,
        row,
      );
      await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [row[0], row[9]]);
    }
  });
}

/**
 * Group commit for a busy server: entries that arrive while an append is running wait for it and
 * are then appended together, in one transaction. An idle server appends at once (no timer); each
 * caller's promise settles when its own entry is committed, so "audited before answered" holds.
 * Not for entries that must commit with a caller's own transaction: use `appendAudit(tx, …)`.
 */
export function auditQueue(db: Db, maxBatch = 500): (e: AuditEntry) => Promise<void> {
  type Waiting = { entry: AuditEntry; resolve: () => void; reject: (err: unknown) => void };
  let waiting: Waiting[] = [];
  let running = false;
  const flush = async (): Promise<void> => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        await appendAuditEntries(
          db,
          batch.map((w) => w.entry),
        );
        for (const w of batch) w.resolve();
      } catch {
        // one bad entry must not refuse the others': append each alone, each settling on its own
        for (const w of batch) await appendAudit(db, w.entry).then(w.resolve, w.reject);
      }
    }
    running = false;
  };
  return (entry) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ entry, resolve, reject });
      if (!running) void flush();
    });
}

/** The store's one group-commit queue, shared by every writer of the process (the server's request hook, the overview's reads). */
const sharedQueues = new WeakMap<Db, (e: AuditEntry) => Promise<void>>();
export function sharedAuditQueue(db: Db): (e: AuditEntry) => Promise<void> {
  let queue = sharedQueues.get(db);
  if (!queue) sharedQueues.set(db, (queue = auditQueue(db)));
  return queue;
}

type Row = {
  seq: bigint | string;
  at: Date | string;
  actor: string | null;
  action: string;
  purpose: Purpose;
  subject: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
};

function fromRow(r: Row): AuditRecord {
  return {
    seq: BigInt(r.seq),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actor: r.actor,
    action: r.action,
    purpose: r.purpose,
    subject: r.subject,
    detail: r.detail,
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const COLUMNS = 'seq, at, actor, action, purpose, subject, detail, ip, prev_hash, hash';

/** Why a link is broken. */
export type AuditBreak =
  /** the row's content or hash was changed: its hash is not SHA-256(prev_hash + content) */
  | 'hash_mismatch'
  /** the row does not point at the previous row's hash (a row before it was changed, removed or inserted) */
  | 'prev_hash_mismatch'
  /** a sequence number is missing (a row was removed) */
  | 'gap'
  /** the head does not name the last row (rows were removed from the end, or the head was moved) */
  | 'head_mismatch';

export type AuditVerification =
  | { ok: true; entries: bigint; headHash: string }
  | { ok: false; entries: bigint; brokenAt: bigint; reason: AuditBreak; headHash: string };

/**
 * Walk the whole chain in order and check every link; the first broken link is named by its seq
 * (for 'head_mismatch': the seq the head claims). Reads in pages, so memory stays flat.
 */
export async function verifyAudit(db: Db, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expected = 1n;
  let entries = 0n;
  for (;;) {
    const rows = await db.query<Row>(
      `SELECT ${COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expected.toString(), pageSize],
    );
    for (const row of rows) {
      const r = fromRow(row);
      const fail = (reason: AuditBreak, brokenAt = r.seq): AuditVerification => ({
        ok: false,
        entries,
        brokenAt,
        reason,
        headHash: prevHash,
      });
      if (r.seq !== expected) return fail('gap', expected);
      if (r.prevHash !== prevHash) return fail('prev_hash_mismatch');
      if (entryHash(r.prevHash, r) !== r.hash) return fail('hash_mismatch');
      prevHash = r.hash;
      expected += 1n;
      entries += 1n;
    }
    if (rows.length < pageSize) break;
  }
  const heads = await db.query<{ seq: bigint | string; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE id = 1',
  );
  const head = heads[0];
  if (!head || BigInt(head.seq) !== entries || head.hash !== prevHash)
    return {
      ok: false,
      entries,
      brokenAt: head ? BigInt(head.seq) : entries + 1n,
      reason: 'head_mismatch',
      headHash: prevHash,
    };
  return { ok: true, entries, headHash: prevHash };
}

/** Every entry about one subject, oldest first (for a GDPR Art. 15 access request). */
export async function auditForSubject(db: Db, subject: string): Promise<AuditRecord[]> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM audit_log WHERE subject = $1 ORDER BY seq`, [
    subject,
  ]);
  return rows.map(fromRow);
}
