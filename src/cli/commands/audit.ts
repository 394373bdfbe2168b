/**
 * `tvaerblik audit verify` proves the audit trail's hash chain intact (or names its first broken
 * link); `tvaerblik audit export --subject <id>` writes one citizen's access log (who, when, why) for
 * a GDPR Art. 15 access request. The citizen is found by the case pseudonym of the given CPR number or
 * personnummer; the number itself is neither stored nor printed. See docs/server.md, "Audit trail".
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { escapeFormula } from '../../core/escape.js';
import { toJson } from '../../core/json.js';
import { t, userError } from '../../core/messages.js';
import { parsePersonId, type Country } from '../../ids/person-id.js';
import {
  appendAudit,
  auditForSubject,
  canonicalJson,
  verifyAudit,
  type AuditRecord,
} from '../../store/audit.js';
import { caseSubject, loadCaseKey } from '../../store/keys.js';
import type { Db } from '../../store/db.js';
import type { Lang } from '../../i18n.js';
import type { CliContext, RegisterCommand } from '../context.js';
import { openCommandStore } from './server.js';

/** One line of a citizen's access log. */
export interface AccessLogEntry {
  seq: bigint;
  at: string;
  actor: string | null;
  username: string | null;
  action: string;
  purpose: string;
  detail: Record<string, unknown> | null;
}

const CSV_COLUMNS = [
  'seq',
  'at',
  'username',
  'actor',
  'action',
  'purpose',
  'purpose_text',
  'detail',
] as const;

/** RFC 4180 CSV with a formula guard; headers and the purpose in the reader's language. */
export function accessLogCsv(entries: readonly AccessLogEntry[], lang: Lang): string {
  const cell = (v: string) => {
    const s = escapeFormula(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const head = CSV_COLUMNS.map((c) => cell(t(lang, `store.audit.column.${c}`)));
  const rows = entries.map((e) =>
    [
      e.seq.toString(),
      e.at,
      e.username ?? '',
      e.actor ?? '',
      e.action,
      e.purpose,
      t(lang, `store.purpose.${e.purpose}`),
      e.detail ? canonicalJson(e.detail) : '',
    ].map(cell),
  );
  return [head, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

/** The user names of the actors, when the store has a users table (server mode). */
async function usernames(db: Db, records: readonly AuditRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(records.map((r) => r.actor).filter((a): a is string => a !== null))];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('users')::text AS t");
  if (!exists[0]?.t) return names;
  const rows = await db.query<{ id: string; username: string }>(
    'SELECT id, username FROM users WHERE id = ANY($1::text[])',
    [ids],
  );
  for (const r of rows) names.set(r.id, r.username);
  return names;
}

/** The subject's normalised id; the error never repeats the number. */
function normalisedSubject(raw: string, country: Country): string {
  const r = parsePersonId(raw, country);
  if (!r.ok)
    throw userError('store.audit.subject_invalid', { reason: r.reason, country }, { key: '--subject' });
  return r.normalised;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function countryOf(ctx: CliContext, cmd: Parameters<CliContext['workspace']>[0], given?: string): Country {
  if (given !== undefined) {
    const c = given.toUpperCase();
    if (c !== 'DK' && c !== 'SE')
      throw userError('store.audit.country', { value: given }, { key: '--country' });
    return c;
  }
  try {
    return ctx.workspace(cmd).config.country;
  } catch {
    throw userError('store.audit.country_needed', {}, { key: '--country' });
  }
}

export const registerAudit: RegisterCommand = (program, ctx) => {
  const audit = program.command('audit').description(ctx.help('audit.about'));

  audit
    .command('verify')
    .description(ctx.help('audit.verify.about'))
    .action(async (_opts: unknown, cmd) => {
      const out = ctx.output(cmd);
      const { store, where } = await openCommandStore(ctx, cmd);
      try {
        const v = await verifyAudit(store);
        out.result({ store: where.shown, ...v });
        if (v.ok) {
          out.info(t(out.lang, 'store.audit.intact', { entries: v.entries, hash: v.headHash }));
          return;
        }
        throw userError(
          'store.audit.broken',
          {
            seq: v.brokenAt,
            reason: v.reason,
            entries: v.entries,
            reason_text: t(out.lang, `store.audit.reason.${v.reason}`),
          },
          {},
          1,
        );
      } finally {
        await store.close();
      }
    });

  audit
    .command('export')
    .description(ctx.help('audit.export.about'))
    .requiredOption('--subject <id>', ctx.help('audit.export.opt.subject'))
    .option('--country <DK|SE>', ctx.help('audit.export.opt.country'))
    .option('--format <csv|json>', ctx.help('audit.export.opt.format'))
    .option('--out <file>', ctx.help('audit.export.opt.out'))
    .action(async (opts: { subject: string; country?: string; format?: string; out?: string }, cmd) => {
      const out = ctx.output(cmd);
      const format =
        opts.format ?? (opts.out && path.extname(opts.out).toLowerCase() === '.json' ? 'json' : 'csv');
      if (format !== 'csv' && format !== 'json')
        throw userError('store.audit.format', { value: format }, { key: '--format' });
      const country = countryOf(ctx, cmd, opts.country);
      const raw = opts.subject === '-' ? await readStdinLine() : opts.subject;
      const normalised = normalisedSubject(raw, country);
      const { store } = await openCommandStore(ctx, cmd);
      try {
        const subject = caseSubject(await loadCaseKey(store), normalised);
        const records = await auditForSubject(store, subject);
        const names = await usernames(store, records);
        const entries: AccessLogEntry[] = records.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actor: r.actor,
          username: r.actor === null ? null : (names.get(r.actor) ?? null),
          action: r.action,
          purpose: r.purpose,
          detail: r.detail,
        }));
        const document = { subject, exported_at: new Date().toISOString(), entries };
        // the export is itself an access to the citizen's data
        await appendAudit(store, {
          actor: null,
          action: 'audit.export',
          purpose: 'audit',
          subject,
          detail: { via: 'cli', os_user: safeOsUser(), format, entries: entries.length },
        });
        const text = format === 'json' ? `${toJson(document)}\n` : accessLogCsv(entries, out.lang);
        if (opts.out) {
          writeFileSync(opts.out, text, { mode: 0o600 });
          out.info(t(out.lang, 'store.audit.exported', { entries: entries.length, file: opts.out }));
          out.result({ file: opts.out, format, subject, entries: entries.length });
        } else if (out.json && format === 'json') {
          out.result(document);
        } else {
          process.stdout.write(text);
        }
      } finally {
        await store.close();
      }
    });
};

function safeOsUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}
