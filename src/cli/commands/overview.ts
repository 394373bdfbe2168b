import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { didYouMean } from '../../core/did-you-mean.js';
import { t, userError } from '../../core/messages.js';
import type { SourceConfig } from '../../config/schema.js';
import type { Country } from '../../ids/person-id.js';
import { readExcel } from '../../ingest/excel.js';
import { loadCategories } from '../../overview/categories.js';
import { dayOf } from '../../overview/consent.js';
import { casePseudonymiser, loadOverviewDemo } from '../../overview/demo.js';
import { loadEntries } from '../../overview/entries.js';
import {
  describeFinding,
  entriesFromTable,
  parseIndexCsv,
  type IndexTable,
} from '../../overview/index-file.js';
import { REMINDER_DAYS, reminders } from '../../overview/reminders.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../serve/auth/local.js';
import { createUser, findByUsername } from '../../serve/auth/users.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import type { Role } from '../../store/access.js';
import type { CliContext, RegisterCommand } from '../context.js';
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

const COUNTRIES: readonly Country[] = ['DK', 'SE'];

/** --organisation: a municipality's short name (letters, digits, . _ -). */
function organisationOption(value: string): string {
  const organisation = value.trim();
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(organisation))
    throw userError(
      'overview-demo.organisation',
      { value: organisation.slice(0, 60) },
      { key: '--organisation' },
    );
  return organisation;
}

/** --country DK|SE, else the workspace's `country`, else DK. */
function countryOption(
  ctx: CliContext,
  cmd: Parameters<CliContext['workspace']>[0],
  given?: string,
): Country {
  if (given !== undefined) {
    const c = given.trim().toUpperCase();
    if ((COUNTRIES as readonly string[]).includes(c)) return c as Country;
    throw userError(
      'overview.cli.country',
      {
        value: given.slice(0, 20),
        choices: COUNTRIES.join(', '),
        suggestion: didYouMean(c, COUNTRIES) ?? 'DK',
      },
      { key: '--country' },
    );
  }
  if (process.env.TVAERBLIK_DATABASE_URL) return 'DK';
  try {
    return ctx.workspace(cmd).config.country;
  } catch {
    return 'DK';
  }
}

/** An index file as a table: CSV by its bytes, an Excel workbook by the import's sheet reader. */
async function readIndexFile(
  file: string,
  shown: string,
  lang: 'da' | 'sv' | 'en',
  sheet?: string,
): Promise<IndexTable> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') {
    const table: IndexTable = { file: shown, header: [], rows: [] };
    // the import's reader (limits against zip bombs, dates as YYYY-MM-DD); a source of its own for its messages
    const source = { id: 'overview-index', file: shown, format: 'excel', excel: sheet ? { sheet } : {} };
    await readExcel(source as unknown as SourceConfig, file, shown, lang, {
      async header(names) {
        table.header = names.map((n) => n.trim());
      },
      async rows(batch) {
        for (const [row, ...cells] of batch) table.rows.push({ row, cells });
      },
    });
    return table;
  }
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.tsv')
    throw userError('overview.cli.file_type', { file: shown, ext: ext || '(none)' }, { file: shown });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw userError(
      'overview.cli.unreadable',
      { file: shown, detail: (e as NodeJS.ErrnoException).code ?? 'error' },
      { file: shown },
    );
  }
  return parseIndexCsv(bytes, shown);
}

export const registerOverview: RegisterCommand = (program, ctx) => {
  const overview = program.command('overview').description(ctx.help('overview.about'));

  overview
    .command('demo')
    .description(ctx.help('overview.demo.about', { env: DEMO_PASSWORD_ENV }))
    .option('--organisation <name>', ctx.help('overview.demo.opt.organisation'), 'demo')
    .option('--users', ctx.help('overview.demo.opt.users'))
    .option('--country <DK|SE>', ctx.help('overview.demo.opt.country'))
    .action(async (opts: { organisation: string; users?: boolean; country?: string }, cmd) => {
      const out = ctx.output(cmd);
      const organisation = organisationOption(opts.organisation);
      const country = countryOption(ctx, cmd, opts.country);
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
        const caseworker = users.sagsbehandler?.id;
        const { demo, summary, cases } = await loadOverviewDemo(store, actor, loadCategories(), {
          country,
          ...(dataContact ? { dataContactUserId: dataContact } : {}),
          ...(caseworker ? { caseworkerUserId: caseworker } : {}),
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
        if (cases.length) out.info(t(out.lang, 'overview.cli.demo_cases'));
        for (const c of cases)
          out.info(
            `  ${c.label}: ${c.title} — ${c.consents.map((s) => t(out.lang, `overview.consent_state.${s}`)).join(', ')}`,
          );
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
          country,
          citizens: demo.citizens,
          cases,
          users,
          ...(createdAny && printed && password ? { password } : {}),
        });
      } finally {
        await store.close();
      }
    });

  overview
    .command('load')
    .description(ctx.help('overview.load.about'))
    .argument('<file>', ctx.help('overview.load.arg.file'))
    .requiredOption('--source <system>', ctx.help('overview.load.opt.source'))
    .option('--sheet <name>', ctx.help('overview.load.opt.sheet'))
    .option('--organisation <name>', ctx.help('overview.load.opt.organisation'), 'default')
    .option('--country <DK|SE>', ctx.help('overview.load.opt.country'))
    .action(
      async (
        file: string,
        opts: { source: string; sheet?: string; organisation: string; country?: string },
        cmd,
      ) => {
        const out = ctx.output(cmd);
        const organisation = organisationOption(opts.organisation);
        const country = countryOption(ctx, cmd, opts.country);
        const source = opts.source.trim();
        if (!/^[A-Za-z0-9._:-]{1,100}$/.test(source))
          throw userError('overview.cli.source', { value: source.slice(0, 60) }, { key: '--source' });
        const shown = path.basename(file);
        const cats = loadCategories();
        const { entries, rowNumbers } = entriesFromTable(
          await readIndexFile(path.resolve(file), shown, out.lang, opts.sheet),
        );
        const { store, where } = await openCommandStore(ctx, cmd);
        try {
          const actor = { id: 'cli:overview-load', roles: ['admin' as const], organisation };
          const summary = await loadEntries(
            store,
            actor,
            source,
            entries,
            cats,
            await casePseudonymiser(store, country),
            { rowNumbers, file: shown },
          );
          const contacts = (
            await store.query<{ id: string }>(
              'SELECT id FROM overview_data_contact WHERE organisation = $1',
              [organisation],
            )
          ).map((c) => c.id);
          out.info(
            t(out.lang, 'overview.cli.loaded', {
              file: shown,
              where: where.shown,
              source,
              organisation,
              rows: summary.rowsIn,
              loaded: summary.rowsLoaded,
              inserted: summary.inserted,
              updated: summary.updated,
              unchanged: summary.unchanged,
              findings: summary.findings.length,
            }),
          );
          for (const f of summary.findings)
            out.info(`  ${describeFinding(out.lang, f, shown, cats, contacts)}`);
          out.result({
            file: shown,
            store: where.shown,
            source,
            organisation,
            country,
            ...summary,
            findings: summary.findings.map((f) => ({
              ...f,
              message: describeFinding(out.lang, f, shown, cats, contacts),
            })),
          });
        } finally {
          await store.close();
        }
      },
    );

  overview
    .command('reminders')
    .description(ctx.help('overview.reminders.about', { days: REMINDER_DAYS }))
    .option('--organisation <name>', ctx.help('overview.reminders.opt.organisation'), 'default')
    .option('--today <YYYY-MM-DD>', ctx.help('overview.reminders.opt.today'))
    .option('--days <n>', ctx.help('overview.reminders.opt.days'), String(REMINDER_DAYS))
    .action(async (opts: { organisation: string; today?: string; days: string }, cmd) => {
      const out = ctx.output(cmd);
      const organisation = organisationOption(opts.organisation);
      const today = opts.today ?? dayOf(new Date());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
        throw userError('overview.cli.today', { value: today.slice(0, 20) }, { key: '--today' });
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 0 || days > 365)
        throw userError('overview.cli.days', { value: opts.days.slice(0, 20) }, { key: '--days' });
      const { store, where } = await openCommandStore(ctx, cmd);
      try {
        const list = await reminders(store, today, { organisation }, days);
        out.info(
          t(out.lang, 'overview.cli.reminders', {
            where: where.shown,
            organisation,
            today,
            count: list.length,
            issued: list.filter((r) => r.issuedNow).length,
          }),
        );
        for (const r of list)
          out.info(
            `  ${r.userId}: ${t(out.lang, `overview.reminder.${r.kind}`, { title: r.caseTitle, due: r.due, days: Math.abs(r.days) })}`,
          );
        out.result({ store: where.shown, organisation, today, days, reminders: list });
      } finally {
        await store.close();
      }
    });
};
