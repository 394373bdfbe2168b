import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { t, userError } from '../../core/messages.js';
import type { Workspace } from '../../config/workspace.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../serve/auth/local.js';
import { createUser, setRoles } from '../../serve/auth/users.js';
import { parseRoles, ROLES } from '../../store/access.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { openStore, redactUrl, type OpenedStore } from '../../store/open.js';
import type { CliContext, RegisterCommand } from '../context.js';

/** The environment variable with the operational store's PostgreSQL URL (never on the command line). */
export const DATABASE_URL_ENV = 'TVAERBLIK_DATABASE_URL';
/** The environment variable a script gives a new user's password in (else it is asked for, unseen). */
export const PASSWORD_ENV = 'TVAERBLIK_PASSWORD';
/** The embedded store's folder inside a workspace. */
export const EMBEDDED_STORE_DIR = 'store';

/**
 * Where the operational store is: $TVAERBLIK_DATABASE_URL, else config `server.database_url`, else
 * embedded (PGlite) in the workspace folder `server.store_dir` (default `store/`).
 */
export function storeLocation(ws: Workspace | null): { url?: string; dataDir?: string; shown: string } {
  const server = (ws?.config as { server?: { database_url?: string; store_dir?: string } } | undefined)
    ?.server;
  const url = process.env[DATABASE_URL_ENV] || server?.database_url;
  if (url) return { url, shown: redactUrl(url) };
  if (!ws) throw new Error('no workspace and no database URL');
  const dataDir = ws.resolve(server?.store_dir ?? EMBEDDED_STORE_DIR);
  return { dataDir, shown: dataDir };
}

/** Open the operational store for a command (migrations run on open). */
export async function openCommandStore(ctx: CliContext, cmd: Parameters<CliContext['workspace']>[0]) {
  const ws = process.env[DATABASE_URL_ENV] ? null : ctx.workspace(cmd);
  const where = storeLocation(ws);
  let store: OpenedStore;
  try {
    store = await openStore(where.url ? { url: where.url } : { dataDir: where.dataDir! });
  } catch (e) {
    throw userError('server.store_open', { where: where.shown, detail: (e as Error).message.slice(0, 300) });
  }
  return { store, where };
}

/** A password from the environment (scripts) or typed twice at a prompt that shows nothing. */
async function readPassword(lang: 'da' | 'sv' | 'en'): Promise<string> {
  const fromEnv = process.env[PASSWORD_ENV];
  let password: string;
  if (fromEnv !== undefined && fromEnv !== '') {
    password = fromEnv;
  } else {
    if (!process.stdin.isTTY) throw userError('server.password_needed', { env: PASSWORD_ENV });
    password = await promptHidden(t(lang, 'server.password_prompt'));
    const again = await promptHidden(t(lang, 'server.password_again'));
    if (again !== password) throw userError('server.password_mismatch');
  }
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw userError('server.password_short', { min: MIN_PASSWORD_LENGTH });
  return password;
}

/** Ask on stderr and read a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

function checkUsername(name: string): string {
  const trimmed = name.trim();
  if (!/^[A-Za-z0-9._@-]{1,100}$/.test(trimmed))
    throw userError('server.username', { value: trimmed.slice(0, 60) }, { key: '<username>' });
  return trimmed;
}

export const registerServer: RegisterCommand = (program, ctx) => {
  const server = program.command('server').description(ctx.help('server.about'));

  server
    .command('init')
    .description(ctx.help('server.init.about', { env: DATABASE_URL_ENV }))
    .option('--admin <username>', ctx.help('server.init.opt.admin'), 'admin')
    .action(async (opts: { admin: string }, cmd) => {
      const out = ctx.output(cmd);
      const username = checkUsername(opts.admin);
      const { store, where } = await openCommandStore(ctx, cmd);
      try {
        const [admins] = await store.query<{ n: bigint | number }>(
          `SELECT count(*) AS n FROM user_roles WHERE role = 'admin'`,
        );
        if (Number(admins?.n ?? 0) > 0) throw userError('server.already_initialised', { where: where.shown });
        const passwordHash = await hashPassword(await readPassword(out.lang));
        const id = await createUser(store, { username, roles: ['admin'], passwordHash, createdBy: null });
        await appendAudit(store, {
          actor: null,
          action: 'server.init',
          purpose: 'admin',
          subject: id,
          detail: { username, roles: ['admin'] },
        });
        out.info(t(out.lang, 'server.init_done', { where: where.shown, username }));
        out.result({ store: where.shown, kind: store.kind, admin: { id, username } });
      } finally {
        await store.close();
      }
    });

  server
    .command('add-user')
    .description(ctx.help('server.add_user.about'))
    .argument('<username>', ctx.help('server.add_user.arg.username'))
    .requiredOption('--role <role...>', ctx.help('server.opt.role', { roles: ROLES.join(', ') }))
    .option('--organisation <name>', ctx.help('server.add_user.opt.organisation'))
    .action(async (name: string, opts: { role: string[]; organisation?: string }, cmd) => {
      const out = ctx.output(cmd);
      const username = checkUsername(name);
      const roles = parseRoles(opts.role);
      const { store, where } = await openCommandStore(ctx, cmd);
      try {
        const [taken] = await store.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [
          username,
        ]);
        if (taken) throw userError('server.user_exists', { username });
        const passwordHash = await hashPassword(await readPassword(out.lang));
        const id = await createUser(store, {
          username,
          roles,
          passwordHash,
          ...(opts.organisation ? { organisation: opts.organisation } : {}),
          createdBy: null,
        });
        await appendAudit(store, {
          actor: null,
          action: 'user.create',
          purpose: 'admin',
          subject: id,
          detail: { username, roles },
        });
        out.info(t(out.lang, 'server.user_added', { username, roles: roles.join(', ') }));
        out.result({ store: where.shown, user: { id, username, roles } });
      } finally {
        await store.close();
      }
    });

  /** A user by name, or a user error naming it (for the commands that change an account). */
  const existing = async (store: Db, name: string): Promise<{ id: string; roles: string[] }> => {
    const [row] = await store.query<{ id: string; roles: string[] | null }>(
      `SELECT u.id, array_remove(array_agg(r.role ORDER BY r.role), NULL) AS roles
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
        WHERE lower(u.username) = lower($1) GROUP BY u.id`,
      [checkUsername(name)],
    );
    if (!row) throw userError('server.user_unknown', { username: name.slice(0, 60) });
    return { id: row.id, roles: row.roles ?? [] };
  };

  server
    .command('set-roles')
    .description(ctx.help('server.set_roles.about'))
    .argument('<username>', ctx.help('server.arg.user'))
    .requiredOption('--role <role...>', ctx.help('server.opt.role', { roles: ROLES.join(', ') }))
    .action(async (name: string, opts: { role: string[] }, cmd) => {
      const out = ctx.output(cmd);
      const roles = parseRoles(opts.role);
      const { store, where } = await openCommandStore(ctx, cmd);
      try {
        const user = await existing(store, name);
        await store.transaction(async (tx) => {
          await setRoles(tx, user.id, roles, null);
          await appendAudit(tx, {
            actor: null,
            action: 'user.roles',
            purpose: 'admin',
            subject: user.id,
            detail: { from: user.roles, to: [...new Set(roles)].sort() },
          });
        });
        out.info(t(out.lang, 'server.roles_set', { username: name, roles: opts.role.join(', ') }));
        out.result({ store: where.shown, user: { id: user.id, roles: opts.role } });
      } finally {
        await store.close();
      }
    });

  for (const [command, disabled] of [
    ['disable-user', true],
    ['enable-user', false],
  ] as const)
    server
      .command(command)
      .description(ctx.help(disabled ? 'server.disable_user.about' : 'server.enable_user.about'))
      .argument('<username>', ctx.help('server.arg.user'))
      .action(async (name: string, _opts: unknown, cmd) => {
        const out = ctx.output(cmd);
        const { store, where } = await openCommandStore(ctx, cmd);
        try {
          const user = await existing(store, name);
          await store.transaction(async (tx) => {
            await tx.query('UPDATE users SET disabled = $2 WHERE id = $1', [user.id, disabled]);
            await appendAudit(tx, {
              actor: null,
              action: disabled ? 'user.disable' : 'user.enable',
              purpose: 'admin',
              subject: user.id,
            });
          });
          out.info(
            t(out.lang, disabled ? 'server.user_disabled' : 'server.user_enabled', { username: name }),
          );
          out.result({ store: where.shown, user: { id: user.id, disabled } });
        } finally {
          await store.close();
        }
      });
};
