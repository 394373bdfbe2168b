import { randomBytes } from 'node:crypto';
import { t, userError } from '../../core/messages.js';
import { loadCategories } from '../../overview/categories.js';
import { loadOverviewDemo } from '../../overview/demo.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../serve/auth/local.js';
import { createUser, findByUsername } from '../../serve/auth/users.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import type { Role } from '../../store/access.js';
import type { RegisterCommand } from '../context.js';
import { openCommandStore } from './server.js';

/** The environment variable with the try-out users' password (else one is made and printed once). */
export const DEMO_PASSWORD_ENV = 'TVAERBLIK_DEMO_PASSWORD';
/** The try-out users `--users` creates. */
export const DEMO_USERS: { username: string; role: Role }[] = [
  { username: 'sagsbehandler', role: 'caseworker' },
  { username: 'datakontakt', role: 'data_contact' },
];

/** A try-out user: created with the password, or the existing one's id (its password is left as it is). */
async function demoUser(
  db: Db,
  username: string,
  role: Role,
  organisation: string,
  passwordHash: string,
): Promise<{ id: string; created: boolean }> {
  const existing = await findByUsername(db, username);
  if (existing) return { id: existing.id, created: false };
  const id = await createUser(db, { username, roles: [role], passwordHash, organisation, createdBy: null });
  await appendAudit(db, {
    actor: null,
    action: 'user.create',
    purpose: 'admin',
    subject: id,
    detail: { username, roles: [role], demo: true },
  });
  return { id, created: true };
}

export const registerOverview: RegisterCommand = (program, ctx) => {
  const overview = program.command('overview').description(ctx.help('overview.about'));

  overview
    .command('demo')
    .description(ctx.help('overview.demo.about', { env: DEMO_PASSWORD_ENV }))
    .option('--organisation <name>', ctx.help('overview.demo.opt.organisation'), 'demo')
    .option('--users', ctx.help('overview.demo.opt.users'))
    .action(async (opts: { organisation: string; users?: boolean }, cmd) => {
      const out = ctx.output(cmd);
      const organisation = opts.organisation.trim();
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(organisation))
        throw userError(
          'overview-demo.organisation',
          { value: organisation.slice(0, 60) },
          { key: '--organisation' },
        );
      const { store, where } = await openCommandStore(ctx, cmd);
      try {
        let password: string | null = null;
        let printed = false;
        const users: Record<string, { id: string; created: boolean }> = {};
        if (opts.users) {
          const fromEnv = process.env[DEMO_PASSWORD_ENV];
          password =
            fromEnv !== undefined && fromEnv !== '' ? fromEnv : randomBytes(15).toString('base64url');
          printed = !(fromEnv !== undefined && fromEnv !== '');
          if ([...password].length < MIN_PASSWORD_LENGTH)
            throw userError('overview-demo.password_short', {
              env: DEMO_PASSWORD_ENV,
              min: MIN_PASSWORD_LENGTH,
            });
          const hash = await hashPassword(password);
          for (const u of DEMO_USERS)
            users[u.username] = await demoUser(store, u.username, u.role, organisation, hash);
        }
        const actor = { id: 'overview-demo', roles: ['admin' as const], organisation };
        const dataContact = users.datakontakt?.id;
        const { demo, summary } = await loadOverviewDemo(store, actor, loadCategories(), {
          ...(dataContact ? { dataContactUserId: dataContact } : {}),
        });
        out.info(
          t(out.lang, 'overview-demo.loaded', {
            where: where.shown,
            organisation,
            entries: summary.rowsLoaded,
            citizens: demo.citizens.length,
            contacts: demo.contacts.length,
          }),
        );
        out.info(t(out.lang, 'overview-demo.citizens'));
        for (const c of demo.citizens) out.info(`  ${c.label}: ${c.personId}`);
        for (const u of DEMO_USERS) {
          const made = users[u.username];
          if (!made) continue;
          out.info(
            t(out.lang, made.created ? 'overview-demo.user_created' : 'overview-demo.user_exists', {
              username: u.username,
              role: u.role,
            }),
          );
        }
        const createdAny = Object.values(users).some((u) => u.created);
        if (createdAny && printed && password)
          out.info(t(out.lang, 'overview-demo.password_once', { password }));
        if (createdAny && !printed)
          out.info(t(out.lang, 'overview-demo.password_env', { env: DEMO_PASSWORD_ENV }));
        out.result({
          store: where.shown,
          organisation,
          entries: summary.rowsLoaded,
          findings: summary.findings.length,
          citizens: demo.citizens,
          users,
          ...(createdAny && printed && password ? { password } : {}),
        });
      } finally {
        await store.close();
      }
    });
};
