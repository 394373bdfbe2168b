/**
 * The pseudonymisation keys of the operational store, one per purpose. The case store names a
 * citizen by a case pseudonym: HMAC-SHA-256(case key, "tvaerblik.case\n" + normalised id). The
 * planning warehouse names the same citizen by HMAC-SHA-256(analysis key, normalised id)
 * (src/ids/pseudonymise.ts). Different keys and a different message mean the two pseudonyms share
 * no value: holding one store does not let anyone find a citizen in the other.
 *
 * The case key is, in this order: $TVAERBLIK_CASE_KEY (hex or base64, at least 32 bytes; only its
 * fingerprint is kept in the store), else the key kept in the store (generated on first use). The
 * analysis key is never read or kept here.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { userError } from '../core/messages.js';
import type { Db } from './db.js';

/** The environment variable that may hold the case key. */
export const CASE_KEY_ENV = 'TVAERBLIK_CASE_KEY';
/** Shortest key accepted, in bytes. */
export const MIN_CASE_KEY_BYTES = 32;

const CASE_MESSAGE_PREFIX = 'tvaerblik.case\n';

/**
 * The case pseudonym of a citizen: lowercase hex HMAC-SHA-256. `normalised` is the canonical id from
 * `parsePersonId` (src/ids/person-id.ts), so every spelling of one number gives one pseudonym.
 */
export function caseSubject(caseKey: Buffer, normalised: string): string {
  if (caseKey.length < MIN_CASE_KEY_BYTES)
    throw new Error(`case key must be at least ${MIN_CASE_KEY_BYTES} bytes`);
  return createHmac('sha256', caseKey)
    .update(CASE_MESSAGE_PREFIX + normalised, 'utf8')
    .digest('hex');
}

/** A key's fingerprint (keyed on itself, so it reveals nothing about the key): 64 hex. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('tvaerblik.key-fingerprint', 'utf8').digest('hex');
}

/** Hex (even length) or base64 text to bytes; null when it is neither. */
function decode(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) return Buffer.from(t, 'hex');
  if (t.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(t)) return Buffer.from(t, 'base64');
  return null;
}

/**
 * The case key of this store (see the module comment for where it comes from). A key from the
 * environment must match the fingerprint the store recorded when it was first used: a different
 * key would make pseudonyms that match nothing already stored.
 */
export async function loadCaseKey(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const given = env[CASE_KEY_ENV];
  if (given !== undefined && given.trim() !== '') {
    const key = decode(given);
    if (!key || key.length < MIN_CASE_KEY_BYTES)
      throw userError(
        'store.case_key.bad',
        { name: CASE_KEY_ENV, min: MIN_CASE_KEY_BYTES },
        { key: CASE_KEY_ENV },
      );
    const fingerprint = keyFingerprint(key);
    await db.query(
      'INSERT INTO store_key (purpose, secret, fingerprint) VALUES ($1, NULL, $2) ON CONFLICT (purpose) DO NOTHING',
      ['case', fingerprint],
    );
    const rows = await db.query<{ fingerprint: string }>(
      'SELECT fingerprint FROM store_key WHERE purpose = $1',
      ['case'],
    );
    if (rows[0]?.fingerprint !== fingerprint)
      throw userError('store.case_key.mismatch', { name: CASE_KEY_ENV }, { key: CASE_KEY_ENV });
    return key;
  }
  const fresh = randomBytes(MIN_CASE_KEY_BYTES);
  // two processes starting at once: one insert wins, both read the winner
  await db.query(
    'INSERT INTO store_key (purpose, secret, fingerprint) VALUES ($1, $2, $3) ON CONFLICT (purpose) DO NOTHING',
    ['case', fresh, keyFingerprint(fresh)],
  );
  const rows = await db.query<{ secret: Uint8Array | null; fingerprint: string }>(
    'SELECT secret, fingerprint FROM store_key WHERE purpose = $1',
    ['case'],
  );
  const row = rows[0];
  if (!row?.secret) throw userError('store.case_key.outside', { name: CASE_KEY_ENV }, { key: CASE_KEY_ENV });
  const key = Buffer.from(row.secret);
  if (keyFingerprint(key) !== row.fingerprint)
    throw new Error('store_key: the stored case key does not match its fingerprint (the row was changed)');
  return key;
}
