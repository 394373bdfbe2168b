import { UserError } from '../../src/errors.js';

/** The UserError `f` throws; any other outcome fails the test. */
export function userErrorOf(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}
