import { expect } from 'vitest';
import { UserError } from '../../src/errors.js';

/** The UserError a call throws, so a test can look at its message and location. */
export function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a UserError, nothing was thrown');
}
