/**
 * The users table and role assignments (sql/store/010_users.sql): reading the signed-in user on
 * each request, creating users (`tvaerblik server init`, tests) and granting roles. Passwords are
 * hashed by the sign-in code (local.ts, argon2id); this module only stores the hash.
 */
import { isRole, type Role } from '../../store/access.js';
import type { Db } from '../../store/db.js';
import type { SignedInUser } from './types.js';

export interface NewUser {
  username: string;
  roles: readonly Role[];
  /** argon2id hash of the password (PHC string); none for a user who signs in through OIDC only */
  passwordHash?: string;
  displayName?: string;
  organisation?: string;
  oidc?: { issuer: string; subject: string };
  /** the user id of the administrator who creates the user, or null for `server init` */
  createdBy?: string | null;
}

/** Create a user with its roles in one transaction; returns the new id. */
export async function createUser(db: Db, user: NewUser): Promise<string> {
  const bad = user.roles.find((r) => !isRole(r));
  if (bad !== undefined) throw new Error(`Unknown role "${String(bad)}"`);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO users (username, display_name, organisation, password_hash, oidc_issuer, oidc_subject)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        user.username.trim(),
        user.displayName ?? null,
        user.organisation ?? null,
        user.passwordHash ?? null,
        user.oidc?.issuer ?? null,
        user.oidc?.subject ?? null,
      ],
    );
    for (const role of new Set(user.roles)) {
      await tx.query(`INSERT INTO user_roles (user_id, role, granted_by) VALUES ($1, $2, $3)`, [
        row!.id,
        role,
        user.createdBy ?? null,
      ]);
    }
    return row!.id;
  });
}

/** Replace a user's roles. */
export async function setRoles(
  db: Db,
  userId: string,
  roles: readonly Role[],
  by: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
    for (const role of new Set(roles)) {
      await tx.query(`INSERT INTO user_roles (user_id, role, granted_by) VALUES ($1, $2, $3)`, [
        userId,
        role,
        by,
      ]);
    }
  });
}

interface UserRow {
  id: string;
  username: string;
  organisation: string | null;
  roles: string[] | null;
}

/** The user with this id and its roles, or null when there is none or it is disabled. */
export async function loadUser(db: Db, id: string): Promise<SignedInUser | null> {
  const [row] = await db.query<UserRow>(
    `SELECT u.id, u.username, u.organisation,
            array_remove(array_agg(r.role ORDER BY r.role), NULL) AS roles
       FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
      WHERE u.id = $1 AND NOT u.disabled
      GROUP BY u.id, u.username, u.organisation`,
    [id],
  );
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    roles: (row.roles ?? []).filter(isRole),
    ...(row.organisation ? { organisation: row.organisation } : {}),
  };
}

/** A user found by username (any case), with the password hash, for password sign-in. */
export async function findByUsername(
  db: Db,
  username: string,
): Promise<{ id: string; passwordHash: string | null; disabled: boolean; lockedUntil: Date | null } | null> {
  const [row] = await db.query<{
    id: string;
    password_hash: string | null;
    disabled: boolean;
    locked_until: Date | string | null;
  }>(`SELECT id, password_hash, disabled, locked_until FROM users WHERE lower(username) = lower($1)`, [
    username.trim(),
  ]);
  if (!row) return null;
  return {
    id: row.id,
    passwordHash: row.password_hash,
    disabled: row.disabled,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
  };
}

/** How many users can sign in (not disabled). Sign-in is required as soon as there is one. */
export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM users WHERE NOT disabled`);
  return Number(row?.n ?? 0);
}
