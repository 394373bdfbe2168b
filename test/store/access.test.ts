// Roles as typed on the command line (`server add-user --role`, `server set-roles --role`): a typo is
// refused naming every role and the closest one, in the reader's language.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseRoles, ROLES } from '../../src/store/access.js';

function refusal(values: string[]): UserError {
  try {
    parseRoles(values);
  } catch (e) {
    return e as UserError;
  }
  throw new Error('not refused');
}

describe('parseRoles', () => {
  it('takes role ids as they are', () => {
    expect(parseRoles(['analyst', 'dpo'])).toEqual(['analyst', 'dpo']);
  });

  it('refuses a typo with "did you mean" and the choices, in da, sv and en', () => {
    // "casewroker" is "caseworker" with two letters swapped: one edit
    const e = refusal(['analyst', 'casewroker']);
    expect(e.location.key).toBe('--role');
    expect(e.localise!('da')).toEqual({
      message: 'Ukendt rolle: "casewroker". Mente du caseworker?',
      hint: `vælg blandt: ${ROLES.join(', ')}`,
    });
    expect(e.localise!('sv').message).toBe('Okänd roll: "casewroker". Menade du caseworker?');
    expect(e.localise!('en').message).toBe('Unknown role: "casewroker". Did you mean caseworker?');
  });

  it('names no role when none is close', () => {
    expect(refusal(['root']).localise!('da').message).toBe('Ukendt rolle: "root"');
  });
});
