/**
 * Who may do what, and for which purpose. Roles are the people-facing duties of an installation;
 * purposes are the legal bases data is processed under. A purpose decides which store and which
 * pseudonymisation key a piece of data belongs to: planning data (the analysis warehouse) and
 * case data (the case handling store) never share a key, a pseudonym or a table.
 */

import { didYouMean } from '../core/did-you-mean.js';
import { userError } from '../core/messages.js';

/** Every role, in the order they are shown. */
export const ROLES = [
  'analyst',
  'authorised_analyst',
  'caseworker',
  'data_contact',
  'cluster_secretariat',
  'economic_owner',
  'dpo',
  'admin',
] as const;

/** A role's string id. */
export type Role = (typeof ROLES)[number];

/** Every purpose data is processed under. */
export const PURPOSES = ['planning', 'case', 'cluster', 'audit', 'admin'] as const;

/** A purpose's string id. */
export type Purpose = (typeof PURPOSES)[number];

/** True when value is one of ROLES. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when value is one of PURPOSES. */
export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

/**
 * Roles as a user typed them (`--role`): each must be a role id; a typo is refused naming the
 * choices and the closest one ("did you mean caseworker?").
 */
export function parseRoles(values: readonly string[], key = '--role'): Role[] {
  const bad = values.find((r) => !isRole(r));
  if (bad === undefined) return values as Role[];
  const near = didYouMean(bad, ROLES);
  throw userError(
    near ? 'server.role_near' : 'server.role',
    {
      value: bad.slice(0, 40),
      roles: ROLES.join(', '),
      ...(near ? { near } : {}),
    },
    { key },
  );
}
