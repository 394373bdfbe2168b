import { describe, expect, it } from 'vitest';
import { MAX_OPAQUE_ID, parseOpaqueId } from '../../src/ids/person-id.js';

describe('parseOpaqueId', () => {
  it('accepts UUIDs (case-insensitive), patient numbers and research ids, in their own namespace', () => {
    expect(parseOpaqueId(' 6F0C4C8E-2D1B-4A8E-9D44-3A1C1F1F6B7E ')).toMatchObject({
      ok: true,
      normalised: 'opaque:6f0c4c8e-2d1b-4a8e-9d44-3a1c1f1f6b7e',
      scheme: 'opaque',
      birthYear: null,
      sex: 'U',
    });
    // a patient number keeps its case: P-1 and p-1 may be different patients
    expect(parseOpaqueId('P-000123')).toMatchObject({ ok: true, normalised: 'opaque:P-000123' });
    // a CPR-like text is just text here: it can never hash to the same key as the CPR number
    expect(parseOpaqueId('1705852380')).toMatchObject({ ok: true, normalised: 'opaque:1705852380' });
  });

  it('refuses empty, over-long and control-character ids', () => {
    expect(parseOpaqueId('  ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseOpaqueId('x'.repeat(MAX_OPAQUE_ID + 1))).toMatchObject({ ok: false, reason: 'bad_format' });
    expect(parseOpaqueId('a\u0000b')).toMatchObject({ ok: false, reason: 'bad_format' });
  });
});
