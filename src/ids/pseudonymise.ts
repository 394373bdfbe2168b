/**
 * Pseudonymisation of person ids at the ingest door: pseudonym = HMAC-SHA-256(key, normalised id).
 * The key lives outside the warehouse (a key file or an environment variable) and is never printed.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { userError } from '../core/messages.js';

/** Shortest key accepted: 32 bytes, the output size of SHA-256. */
export const MIN_KEY_BYTES = 32;

/** Maps a normalised id (from `parsePersonId`) to its pseudonym; keeps nothing between calls. */
export interface Pseudonymiser {
  (normalised: string): string;
  pseudonymise(normalised: string): string;
  /** Same as mapping `pseudonymise` over `ids`, without per-call overhead. */
  batchPseudonymise(ids: readonly string[]): string[];
}

/**
 * Create a keyed pseudonymiser: lowercase hex HMAC-SHA-256 of the normalised id.
 * @example
 * const p = createPseudonymiser(loadKey({ keyFile: 'secrets/person.key' }, ws.dir));
 * const personKey = p('1705852053');
 */
export function createPseudonymiser(key: Buffer): Pseudonymiser {
  if (key.length < MIN_KEY_BYTES)
    throw new Error(`pseudonymisation key must be at least ${MIN_KEY_BYTES} bytes`);
  // A KeyObject is imported once instead of on every HMAC.
  const secret: KeyObject = createSecretKey(Buffer.from(key));
  // No memo: the import hands each distinct raw id over once, and at national scale a memo would hold
  // millions of entries in the JS heap.
  const pseudonymise = (normalised: string): string =>
    createHmac('sha256', secret).update(normalised, 'utf8').digest('hex');

  const batchPseudonymise = (ids: readonly string[]): string[] => {
    const out = new Array<string>(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = pseudonymise(ids[i]!);
    return out;
  };

  return Object.defineProperties(pseudonymise as Pseudonymiser, {
    pseudonymise: { value: pseudonymise },
    batchPseudonymise: { value: batchPseudonymise },
  });
}

/** A new random key: 32 bytes as 64 lowercase hex characters (written by `tvaerblik init`). */
export function generateKey(): string {
  return randomBytes(MIN_KEY_BYTES).toString('hex');
}

export interface KeySource {
  /** Path to the key file, relative to the workspace folder. */
  keyFile?: string;
  /** Name of the environment variable holding the key. */
  keyEnv?: string;
}

type Decoded = { bytes: Buffer; encoding: 'hex' | 'base64' | 'raw' };

/** Text of only hex digits is hex, text of base64 characters is base64, anything else is raw bytes. */
export function decodeKey(content: Buffer): Decoded {
  const text = content.toString('utf8').trim();
  if (text.length > 0 && /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0) {
    return { bytes: Buffer.from(text, 'hex'), encoding: 'hex' };
  }
  if (text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    return { bytes: Buffer.from(text, 'base64'), encoding: 'base64' };
  }
  return { bytes: content, encoding: 'raw' };
}

/**
 * Read the pseudonymisation key from a key file (relative to `workspaceDir`) or an environment variable.
 * Accepts hex, base64 or raw bytes of at least 32 bytes. Errors name the file or variable and the fix,
 * never the key.
 */
export function loadKey(
  source: KeySource,
  workspaceDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Buffer {
  const { keyFile, keyEnv } = source;
  if ((keyFile ? 1 : 0) + (keyEnv ? 1 : 0) !== 1) {
    throw userError('ids.key.source', {}, { key: 'pseudonymisation' });
  }

  if (keyFile) {
    const file = path.resolve(workspaceDir, keyFile);
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const problem = code === 'ENOENT' ? 'missing' : (code ?? 'EIO');
      throw userError('ids.key.file', { problem, file }, { file });
    }
    return checkLength(decodeKey(content), { source: 'file', file, name: '' }, { file });
  }

  const name = keyEnv!;
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw userError('ids.key.env', { name }, { key: 'pseudonymisation.key_env' });
  }
  return checkLength(
    decodeKey(Buffer.from(value, 'utf8')),
    { source: 'env', file: '', name },
    {
      key: 'pseudonymisation.key_env',
    },
  );
}

function checkLength(
  decoded: Decoded,
  where: { source: 'file' | 'env'; file: string; name: string },
  location: { file?: string; key?: string },
): Buffer {
  if (decoded.bytes.length < MIN_KEY_BYTES) {
    const vars = {
      ...where,
      bytes: decoded.bytes.length,
      encoding: decoded.encoding,
      min: String(MIN_KEY_BYTES),
    };
    throw userError('ids.key.too_short', vars, location);
  }
  return decoded.bytes;
}
