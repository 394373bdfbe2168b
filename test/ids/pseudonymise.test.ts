import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createPseudonymiser, decodeKey, generateKey, loadKey } from '../../src/ids/pseudonymise.js';

// Test key: bytes 0x00..0x1f. Expected digests from
//   printf '%s' 1705852053 | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1e1f
const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const KEY_HEX = KEY.toString('hex');

describe('createPseudonymiser', () => {
  it('gives the HMAC-SHA-256 known answer computed with openssl', () => {
    const p = createPseudonymiser(KEY);
    expect(p('1705852053')).toBe('6e9779ba07ac2e26cc6c6558b11e6dafebe5fb7bac06ac904f2feeb24da21d2c');
    expect(p.pseudonymise('198505172380')).toBe(
      'd7f0b20beb7a87fa402860105ef70758ee5197b0f81b0830ce655d5b3e25ef4d',
    );
  });

  it('agrees with an independent createHmac call', () => {
    const id = '0203291WQ3';
    const expected = createHmac('sha256', KEY).update(id).digest('hex');
    expect(createPseudonymiser(KEY)(id)).toBe(expected);
  });

  it('depends on the key', () => {
    const other = Buffer.alloc(32, 7);
    expect(createPseudonymiser(other)('1705852053')).not.toBe(createPseudonymiser(KEY)('1705852053'));
  });

  it('batch equals single calls, repeated ids included', () => {
    const p = createPseudonymiser(KEY);
    const ids = ['1705852053', '1705852002', '1705852053', '1705852053', '1705852002'];
    const batch = p.batchPseudonymise(ids);
    expect(batch).toEqual(ids.map((id) => p(id)));
    expect(batch[0]).toBe('6e9779ba07ac2e26cc6c6558b11e6dafebe5fb7bac06ac904f2feeb24da21d2c');
    expect(batch[0]).toBe(batch[2]);
    expect(batch[1]).not.toBe(batch[0]);
  });

  it('refuses a short key (programming error)', () => {
    expect(() => createPseudonymiser(Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });
});

describe('generateKey', () => {
  it('returns 32 bytes as lowercase hex, different each time', () => {
    const a = generateKey();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generateKey()).not.toBe(a);
  });
});

describe('decodeKey', () => {
  it('reads hex, base64 and raw bytes', () => {
    expect(decodeKey(Buffer.from(`${KEY_HEX}\n`))).toEqual({ bytes: KEY, encoding: 'hex' });
    expect(decodeKey(Buffer.from(KEY.toString('base64')))).toEqual({ bytes: KEY, encoding: 'base64' });
    const raw = Buffer.from([0xff, ...KEY]);
    expect(decodeKey(raw)).toEqual({ bytes: raw, encoding: 'raw' });
  });
});

describe('loadKey', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-ids-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a hex key file relative to the workspace', () => {
    writeFileSync(path.join(dir, 'person.key'), `${KEY_HEX}\n`);
    expect(loadKey({ keyFile: 'person.key' }, dir)).toEqual(KEY);
  });

  it('reads a base64 key from an environment variable', () => {
    expect(loadKey({ keyEnv: 'TB_KEY' }, dir, { TB_KEY: KEY.toString('base64') })).toEqual(KEY);
  });

  it('names the missing file and the fix', () => {
    const err = catchError(() => loadKey({ keyFile: 'missing.key' }, dir));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(path.join(dir, 'missing.key'));
    expect(err.message).toContain('does not exist');
    expect((err as UserError).location.hint).toMatch(/tvaerblik init/);
  });

  it('rejects a short key without printing it', () => {
    const shortHex = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'; // 16 bytes
    writeFileSync(path.join(dir, 'short.key'), shortHex);
    const err = catchError(() => loadKey({ keyFile: 'short.key' }, dir)) as UserError;
    expect(err.message).toContain('short.key');
    expect(err.message).toContain('16 bytes');
    expect(err.describe()).not.toContain(shortHex);

    const envErr = catchError(() => loadKey({ keyEnv: 'TB_KEY' }, dir, { TB_KEY: shortHex })) as UserError;
    expect(envErr.message).toContain('TB_KEY');
    expect(envErr.describe()).not.toContain(shortHex);
  });

  it('names an unset environment variable', () => {
    const err = catchError(() => loadKey({ keyEnv: 'TB_KEY' }, dir, {}));
    expect(err.message).toContain('TB_KEY');
    expect(err.message).toContain('not set');
  });

  it('wants exactly one source', () => {
    expect(() => loadKey({}, dir)).toThrow(UserError);
    expect(() => loadKey({ keyFile: 'person.key', keyEnv: 'TB_KEY' }, dir)).toThrow(UserError);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
