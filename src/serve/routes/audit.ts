/**
 * The data-protection officer's view of the audit trail (purpose 'audit', role 'dpo'): whether the
 * chain is intact (and its first broken link), the latest entries, and one citizen's access log for
 * an access request (GDPR Art. 15) — the CPR/personnummer typed is pseudonymised with the case key
 * at once and never stored or shown. Every look at the trail is itself an audit entry.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../core/messages.js';
import { parsePersonId } from '../../ids/person-id.js';
import { formatDate, type Lang } from '../../i18n.js';
import { appendAudit, auditForSubject, verifyAudit, type AuditRecord } from '../../store/audit.js';
import { caseSubject, loadCaseKey } from '../../store/keys.js';
import { requestLang } from '../auth/policy.js';
import { csrfInput, esc, page, sendPage, withAccount } from '../page.js';

const DPO = { config: { access: { roles: ['dpo' as const], purpose: 'audit' as const } } };
const LATEST = 50;

interface Row {
  seq: string;
  at: Date | string;
  username: string | null;
  actor: string | null;
  action: string;
  purpose: string;
  subject: string | null;
}

function table(lang: Lang, caption: string, rows: (Row | AuditRecord)[], names: Map<string, string>): string {
  const L = (k: string) => esc(t(lang, `audit-page.${k}`));
  const body = rows
    .map((r) => {
      const at = r.at instanceof Date ? r.at.toISOString() : String(r.at);
      const who = r.actor === null ? L('system') : esc(names.get(r.actor) ?? r.actor);
      return `<tr><td class="num">${esc(String(r.seq))}</td><td>${esc(formatDate(at, lang))} ${esc(at.slice(11, 19))}</td><td>${who}</td><td>${esc(r.action)}</td><td>${esc(r.purpose)}</td></tr>`;
    })
    .join('');
  return `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col" class="num">${L('seq')}</th><th scope="col">${L('at')}</th><th scope="col">${L('who')}</th><th scope="col">${L('action')}</th><th scope="col">${L('purpose')}</th></tr></thead><tbody>${body || `<tr><td colspan="5">${L('none')}</td></tr>`}</tbody></table>`;
}

/** Register the audit pages on `app` (a Fastify plugin). */
export async function auditRoutes(app: FastifyInstance, opts: { country?: 'DK' | 'SE' } = {}): Promise<void> {
  const country = opts.country ?? 'DK';
  const render = async (request: FastifyRequest, reply: FastifyReply, citizen?: { raw: string }) => {
    const lang = requestLang(request);
    const L = (k: string, vars = {}) => t(lang, `audit-page.${k}`, vars);
    const check = await verifyAudit(app.store);
    const latest = await app.store.query<Row>(
      `SELECT a.seq::text AS seq, a.at, a.actor, u.username, a.action, a.purpose, a.subject
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor ORDER BY a.seq DESC LIMIT ${LATEST}`,
    );
    const names = new Map<string, string>();
    for (const u of await app.store.query<{ id: string; username: string }>('SELECT id, username FROM users'))
      names.set(u.id, u.username);
    let found = '';
    let message: { kind: 'error' | 'info'; text: string } | undefined;
    let subject: string | undefined;
    if (citizen) {
      const parsed = parsePersonId(citizen.raw, country);
      if (!parsed.ok) message = { kind: 'error', text: L('bad_id') };
      else {
        subject = caseSubject(await loadCaseKey(app.store), parsed.normalised);
        const records = await auditForSubject(app.store, subject);
        found = `<section aria-labelledby="h-citizen"><h2 id="h-citizen">${esc(L('citizen_log'))}</h2>${table(lang, L('citizen_caption', { n: records.length }), records, names)}</section>`;
      }
    }
    await appendAudit(app.store, {
      actor: request.user!.id,
      action: citizen ? 'audit.read_subject' : 'audit.read',
      purpose: 'audit',
      ...(subject ? { subject } : {}),
      detail: { chain_ok: check.ok },
    });
    const status = check.ok
      ? `<p role="status">${esc(L('intact', { n: String(check.entries) }))}</p>`
      : `<p role="alert" class="message error">${esc(L('broken', { seq: String(check.brokenAt), reason: check.reason }))}</p>`;
    const body = `<section aria-labelledby="h-chain"><h2 id="h-chain">${esc(L('chain'))}</h2>${status}</section>
<section aria-labelledby="h-lookup"><h2 id="h-lookup">${esc(L('lookup'))}</h2>
<form method="post" action="/audit/citizen?lang=${lang}">${csrfInput(request.csrfToken())}
<label for="a-id">${esc(L('person_id'))}</label><input type="text" id="a-id" name="person" autocomplete="off" required>
<button type="submit">${esc(L('show'))}</button></form></section>
${found}
<section aria-labelledby="h-latest"><h2 id="h-latest">${esc(L('latest'))}</h2>${table(lang, L('latest_caption', { n: LATEST }), latest, names)}</section>`;
    return sendPage(
      reply,
      page(
        {
          lang,
          path: request.url.split('?')[0] ?? '/audit',
          title: L('title'),
          area: 'Tværblik',
          nav: { label: L('nav'), links: [{ href: `/audit?lang=${lang}`, text: L('title') }] },
          languageLabel: L('language'),
          ...(message ? { message } : {}),
          ...withAccount(request),
        },
        body,
      ),
    );
  };
  app.get('/audit', DPO, (request, reply) => render(request, reply));
  // a POST, so the person id travels in the body, never in a URL or a log line
  app.post('/audit/citizen', DPO, (request, reply) => {
    const raw = (request.body as Record<string, unknown> | undefined)?.person;
    return render(request, reply, { raw: typeof raw === 'string' ? raw.trim() : '' });
  });
}
