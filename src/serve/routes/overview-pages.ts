/**
 * The caseworker overview's pages: server-rendered HTML without scripts, in Danish, Swedish or
 * English from locales/overview/*.json. Tables have captions and header cells, every field a label,
 * messages a live region; forms that post carry the CSRF token. The case pack prints on A4.
 */
import { t } from '../../core/messages.js';
import { formatDate, type Lang } from '../../i18n.js';
import type { Categories } from '../../overview/categories.js';
import { categoryName } from '../../overview/categories.js';
import type { CaseRow } from '../../overview/cases.js';
import type { ConsentVersion } from '../../overview/consents.js';
import type { DataContact } from '../../overview/contacts.js';
import type { CaseOverview } from '../../overview/overview.js';
import type { CasePack } from '../../overview/pack.js';
import type { PlanSection } from '../../overview/plan.js';
import type { Reminder } from '../../overview/reminders.js';
import type { DataRequest } from '../../overview/requests.js';
import { csrfInput as csrfField, CSRF_FIELD, esc, page, type Account } from '../page.js';

export { CSRF_FIELD, esc };

/** One page's frame: language, the page's own URL (for the language links), the CSRF token. */
export interface PageContext {
  lang: Lang;
  path: string;
  csrf: string;
  /** a message to show at the top: an error or information, already in `lang` */
  message?: { kind: 'error' | 'info'; text: string; hint?: string };
  /** the signed-in reader: the links shown are those they may open, and the sign-out button */
  account?: Account;
}

function layout(ctx: PageContext, title: string, body: string): string {
  const l = ctx.lang;
  return page(
    {
      lang: l,
      path: ctx.path,
      title,
      area: t(l, 'overview.ui.product'),
      nav: {
        label: t(l, 'overview.ui.nav'),
        links: [
          { href: `/overview?lang=${l}`, text: t(l, 'overview.ui.my_cases') },
          { href: `/overview/queue?lang=${l}`, text: t(l, 'overview.ui.queue') },
          { href: `/overview/contacts?lang=${l}`, text: t(l, 'overview.ui.contacts') },
        ],
      },
      languageLabel: t(l, 'overview.ui.language'),
      ...(ctx.message ? { message: ctx.message } : {}),
      ...(ctx.account ? { account: ctx.account } : {}),
    },
    body,
  );
}

function csrfInput(ctx: PageContext): string {
  return csrfField(ctx.csrf);
}

function date(iso: string | null, lang: Lang): string {
  return iso === null ? '–' : formatDate(iso, lang);
}

function checkboxes(
  name: string,
  legend: string,
  items: { id: string; label: string }[],
  checked: string[] = [],
): string {
  return `<fieldset><legend>${esc(legend)}</legend>${items
    .map(
      (i) =>
        `<label><input type="checkbox" name="${name}" value="${esc(i.id)}"${checked.includes(i.id) ? ' checked' : ''}> ${esc(i.label)}</label>`,
    )
    .join('')}</fieldset>`;
}

function select(id: string, name: string, label: string, items: { id: string; label: string }[]): string {
  return `<label for="${id}">${esc(label)}</label><select id="${id}" name="${name}">${items
    .map((i) => `<option value="${esc(i.id)}">${esc(i.label)}</option>`)
    .join('')}</select>`;
}

function field(id: string, name: string, label: string, type = 'text', extra = ''): string {
  return `<label for="${id}">${esc(label)}</label><input type="${type}" id="${id}" name="${name}"${extra}>`;
}

/** A page that only says something (a refusal, a missing case). */
export function messagePage(ctx: PageContext, title: string): string {
  return layout(
    ctx,
    title,
    `<p><a href="/overview?lang=${ctx.lang}">${esc(t(ctx.lang, 'overview.ui.back'))}</a></p>`,
  );
}

/** The reminders on the caseworker's start page: consents about to end, requests past their due date. */
function remindersSection(lang: Lang, reminders: readonly Reminder[]): string {
  const items = reminders.length
    ? reminders
        .map(
          (r) =>
            `<li><a href="/overview/cases/${encodeURIComponent(r.caseId)}?lang=${lang}">${esc(
              t(lang, `overview.reminder.${r.kind}`, {
                title: r.caseTitle,
                due: date(r.due, lang),
                days: Math.abs(r.days),
              }),
            )}</a></li>`,
        )
        .join('')
    : `<li class="muted">${esc(t(lang, 'overview.ui.no_reminders'))}</li>`;
  return `<section aria-labelledby="reminders-heading"><h2 id="reminders-heading">${esc(t(lang, 'overview.ui.reminders'))}</h2><ul>${items}</ul></section>`;
}

/** The caseworker's start page: the reminders, the open cases and the form to open one. */
export function casesPage(
  ctx: PageContext,
  cases: CaseRow[],
  cats: Categories,
  reminders: readonly Reminder[] = [],
): string {
  const { lang } = ctx;
  const rows = cases.length
    ? cases
        .map(
          (c) =>
            `<tr><td><a href="/overview/cases/${encodeURIComponent(c.id)}?lang=${lang}">${esc(c.title)}</a></td><td>${esc(categoryName(cats, 'phases', c.phase, lang))}</td><td>${date(c.openedAt, lang)}</td></tr>`,
        )
        .join('')
    : `<tr><td colspan="3" class="muted">${esc(t(lang, 'overview.ui.no_cases'))}</td></tr>`;
  const phases = cats.phases.map((p) => ({ id: p.id, label: p.name[lang] }));
  return layout(
    ctx,
    t(lang, 'overview.ui.my_cases'),
    `${remindersSection(lang, reminders)}
<section><table><caption>${esc(t(lang, 'overview.ui.my_cases'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.case'))}</th><th scope="col">${esc(t(lang, 'overview.ui.phase'))}</th><th scope="col">${esc(t(lang, 'overview.ui.opened'))}</th></tr></thead>
<tbody>${rows}</tbody></table></section>
<section><h2>${esc(t(lang, 'overview.ui.open_case'))}</h2>
<form method="post" action="/overview/cases?lang=${lang}">${csrfInput(ctx)}
${field('personId', 'personId', t(lang, 'overview.ui.person_id'), 'text', ' autocomplete="off" inputmode="numeric" required maxlength="13"')}
${field('title', 'title', t(lang, 'overview.ui.case_title'), 'text', ' required maxlength="200"')}
<input type="hidden" name="purpose" value="rehabilitation">
${select('phase', 'phase', t(lang, 'overview.ui.phase'), phases)}
<button type="submit">${esc(t(lang, 'overview.ui.open_case'))}</button></form></section>`,
  );
}

function consentSummary(c: ConsentVersion, cats: Categories, lang: Lang): string {
  const names = (kind: 'areas' | 'dataTypes' | 'sectors' | 'phases', ids: readonly string[]) =>
    ids.map((id) => categoryName(cats, kind, id, lang)).join(', ');
  const from = [names('sectors', c.sectors), ...c.departments, ...c.providers].filter(Boolean).join(', ');
  const state = c.withdrawnAt
    ? t(lang, 'overview.ui.withdrawn_at', { date: date(c.withdrawnAt, lang) })
    : t(lang, 'overview.ui.valid', { from: date(c.validFrom, lang), to: date(c.validTo, lang) });
  return `<tr><td>${esc(names('areas', c.areas))}</td><td>${esc(names('dataTypes', c.dataTypes))}</td><td>${esc(from)}</td><td>${esc(names('phases', c.phases))}</td><td>${esc(state)}</td><td>${c.version}</td></tr>`;
}

/** The overview of one case: consents, the matrix, the covered entries, requests and the forms. */
export function casePage(
  ctx: PageContext,
  view: CaseOverview,
  cats: Categories,
  requests: DataRequest[],
  directory: DataContact[],
): string {
  const { lang } = ctx;
  const base = `/overview/cases/${encodeURIComponent(view.case.id)}`;
  const contactName = (id: string) => directory.find((c) => c.id === id)?.name ?? id;
  const cellRows = view.cells
    .filter((c) => c.covered > 0 || c.uncovered > 0 || c.expected)
    .map((c) => {
      const counts =
        c.uncovered > 0
          ? `${c.covered} <span class="uncovered">(${esc(t(lang, 'overview.ui.exists_not_covered', { count: c.uncovered }))})</span>`
          : String(c.covered);
      return `<tr><th scope="row">${esc(categoryName(cats, 'areas', c.area, lang))}</th><td>${esc(categoryName(cats, 'dataTypes', c.dataType, lang))}</td><td class="num">${counts}</td><td>${date(c.latest, lang)}</td><td>${esc(c.sources.join(', '))}</td><td>${esc(c.contacts.map(contactName).join(', '))}</td></tr>`;
    })
    .join('');
  const entryRows = view.entries
    .map(
      (e) =>
        `<tr><td>${date(e.date, lang)}</td><td>${esc(categoryName(cats, 'areas', e.area, lang))}</td><td>${esc(categoryName(cats, 'dataTypes', e.dataType, lang))}</td><td>${esc(e.title)}</td><td>${esc(e.department)} (${esc(e.sourceSystem)})</td><td>${esc(e.itemRef)}</td><td>${esc(e.contactId ? contactName(e.contactId) : '–')}</td></tr>`,
    )
    .join('');
  const consentRows = view.consents.map((c) => consentSummary(c, cats, lang)).join('');
  const withdrawForms = view.consents
    .filter((c) => c.withdrawnAt === null)
    .map(
      (c) =>
        `<form method="post" action="${base}/consents/${encodeURIComponent(c.id)}/withdraw?lang=${lang}">${csrfInput(ctx)}<button type="submit" class="secondary">${esc(t(lang, 'overview.ui.withdraw', { version: c.version }))}</button></form>`,
    )
    .join('');
  const requestRows = requests
    .map(
      (r) =>
        `<tr><td>${esc(contactName(r.contactId))}</td><td>${esc(categoryName(cats, 'areas', r.area, lang))}</td><td>${esc(r.message)}</td><td>${date(r.dueDate, lang)}</td><td>${esc(t(lang, `overview.ui.status.${r.status}`))}</td><td>${esc(r.answerText ?? r.answerRef ?? r.declineReason ?? '')}</td></tr>`,
    )
    .join('');
  const areas = cats.areas.map((a) => ({ id: a.id, label: a.name[lang] }));
  const types = cats.dataTypes.map((d) => ({ id: d.id, label: d.name[lang] }));
  const sectors = cats.sectors.map((s) => ({ id: s.id, label: s.name[lang] }));
  const phases = cats.phases.map((p) => ({ id: p.id, label: p.name[lang] }));
  const contacts = directory.map((c) => ({ id: c.id, label: `${c.name} – ${c.department}` }));
  return layout(
    ctx,
    view.case.title,
    `<p class="muted">${esc(t(lang, 'overview.ui.phase'))}: ${esc(categoryName(cats, 'phases', view.case.phase, lang))} · <a href="${base}/plan?lang=${lang}">${esc(t(lang, 'overview.ui.plan'))}</a> · <a href="${base}/pack?lang=${lang}">${esc(t(lang, 'overview.ui.pack'))}</a> · <a href="/api${base}/handover" download>${esc(t(lang, 'overview.ui.handover'))}</a></p>
<section><h2>${esc(t(lang, 'overview.ui.where'))}</h2>
<table><caption>${esc(t(lang, view.display === 'exists' ? 'overview.ui.matrix_caption_exists' : 'overview.ui.matrix_caption_hidden'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.area'))}</th><th scope="col">${esc(t(lang, 'overview.ui.data_type'))}</th><th scope="col">${esc(t(lang, 'overview.ui.count'))}</th><th scope="col">${esc(t(lang, 'overview.ui.latest'))}</th><th scope="col">${esc(t(lang, 'overview.ui.sources'))}</th><th scope="col">${esc(t(lang, 'overview.ui.contacts'))}</th></tr></thead>
<tbody>${cellRows}</tbody></table></section>
<section><h2>${esc(t(lang, 'overview.ui.entries'))}</h2>
<table><caption>${esc(t(lang, 'overview.ui.entries_caption', { count: view.entries.length }))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.date'))}</th><th scope="col">${esc(t(lang, 'overview.ui.area'))}</th><th scope="col">${esc(t(lang, 'overview.ui.data_type'))}</th><th scope="col">${esc(t(lang, 'overview.ui.title'))}</th><th scope="col">${esc(t(lang, 'overview.ui.source'))}</th><th scope="col">${esc(t(lang, 'overview.ui.reference'))}</th><th scope="col">${esc(t(lang, 'overview.ui.contact'))}</th></tr></thead>
<tbody>${entryRows}</tbody></table></section>
<section><h2>${esc(t(lang, 'overview.ui.consents'))}</h2>
<table><caption>${esc(t(lang, 'overview.ui.consents'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.areas'))}</th><th scope="col">${esc(t(lang, 'overview.ui.data_types'))}</th><th scope="col">${esc(t(lang, 'overview.ui.from_whom'))}</th><th scope="col">${esc(t(lang, 'overview.ui.phases'))}</th><th scope="col">${esc(t(lang, 'overview.ui.state'))}</th><th scope="col">${esc(t(lang, 'overview.ui.version'))}</th></tr></thead>
<tbody>${consentRows}</tbody></table>${withdrawForms}
${consentForm(ctx, base, { areas, types, sectors, phases })}</section>
<section><h2>${esc(t(lang, 'overview.ui.requests'))}</h2>
<table><caption>${esc(t(lang, 'overview.ui.requests'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.contact'))}</th><th scope="col">${esc(t(lang, 'overview.ui.area'))}</th><th scope="col">${esc(t(lang, 'overview.ui.message'))}</th><th scope="col">${esc(t(lang, 'overview.ui.due'))}</th><th scope="col">${esc(t(lang, 'overview.ui.state'))}</th><th scope="col">${esc(t(lang, 'overview.ui.answer'))}</th></tr></thead>
<tbody>${requestRows}</tbody></table>
<form method="post" action="${base}/requests?lang=${lang}">${csrfInput(ctx)}
${select('req-contact', 'contactId', t(lang, 'overview.ui.contact'), contacts)}
${select('req-area', 'area', t(lang, 'overview.ui.area'), areas)}
${checkboxes('dataTypes', t(lang, 'overview.ui.data_types'), types)}
<label for="req-message">${esc(t(lang, 'overview.ui.message'))}</label><textarea id="req-message" name="message" rows="3" required maxlength="2000"></textarea>
${field('req-due', 'dueDate', t(lang, 'overview.ui.due'), 'date', ' required')}
<button type="submit">${esc(t(lang, 'overview.ui.send_request'))}</button></form></section>`,
  );
}

function consentForm(
  ctx: PageContext,
  base: string,
  o: Record<'areas' | 'types' | 'sectors' | 'phases', { id: string; label: string }[]>,
): string {
  const { lang } = ctx;
  const how = ['signed_form', 'digital', 'oral_recorded'].map((id) => ({
    id,
    label: t(lang, `overview.ui.given.${id}`),
  }));
  return `<h3>${esc(t(lang, 'overview.ui.record_consent'))}</h3>
<form method="post" action="${base}/consents?lang=${lang}">${csrfInput(ctx)}
${checkboxes('areas', t(lang, 'overview.ui.areas'), o.areas)}
${checkboxes('dataTypes', t(lang, 'overview.ui.data_types'), o.types)}
${checkboxes('sectors', t(lang, 'overview.ui.sectors'), o.sectors)}
${field('c-departments', 'departments', t(lang, 'overview.ui.departments'), 'text', ' maxlength="500"')}
${field('c-providers', 'providers', t(lang, 'overview.ui.providers'), 'text', ' maxlength="500"')}
${checkboxes('phases', t(lang, 'overview.ui.phases'), o.phases)}
${field('c-from', 'validFrom', t(lang, 'overview.ui.valid_from'), 'date', ' required')}
${field('c-to', 'validTo', t(lang, 'overview.ui.valid_to'), 'date', ' required')}
${select('c-how', 'givenHow', t(lang, 'overview.ui.given_how'), how)}
<button type="submit">${esc(t(lang, 'overview.ui.record_consent'))}</button></form>`;
}

/** The data contact's queue with a form to answer or decline each open request. */
export function queuePage(ctx: PageContext, queue: DataRequest[], cats: Categories): string {
  const { lang } = ctx;
  const items = queue.length
    ? queue
        .map((r) => {
          const head = `<h2>${esc(r.caseTitle)} – ${esc(categoryName(cats, 'areas', r.area, lang))}</h2>
<p>${esc(r.message)}</p><p class="muted">${esc(r.dataTypes.map((d) => categoryName(cats, 'dataTypes', d, lang)).join(', '))} · ${esc(t(lang, 'overview.ui.due'))}: ${date(r.dueDate, lang)} · ${esc(t(lang, `overview.ui.status.${r.status}`))}</p>`;
          if (r.status !== 'open') return `<section>${head}</section>`;
          const id = esc(r.id);
          const action = `/overview/queue/${encodeURIComponent(r.id)}/answer?lang=${lang}`;
          return `<section>${head}
<form method="post" action="${action}">${csrfInput(ctx)}
<fieldset><legend>${esc(t(lang, 'overview.ui.answer_kind'))}</legend>
<label><input type="radio" name="kind" value="summary" checked> ${esc(t(lang, 'overview.ui.kind.summary'))}</label>
<label><input type="radio" name="kind" value="document"> ${esc(t(lang, 'overview.ui.kind.document'))}</label>
<label><input type="radio" name="kind" value="decline"> ${esc(t(lang, 'overview.ui.kind.decline'))}</label></fieldset>
<label for="text-${id}">${esc(t(lang, 'overview.ui.answer_text'))}</label><textarea id="text-${id}" name="text" rows="4" maxlength="20000"></textarea>
${field(`ref-${id}`, 'ref', t(lang, 'overview.ui.document_ref'), 'text', ' maxlength="500"')}
<button type="submit">${esc(t(lang, 'overview.ui.send_answer'))}</button></form></section>`;
        })
        .join('')
    : `<section><p>${esc(t(lang, 'overview.ui.queue_empty'))}</p></section>`;
  return layout(ctx, t(lang, 'overview.ui.queue'), items);
}

/** The directory of data contacts. */
export function contactsPage(ctx: PageContext, contacts: DataContact[], cats: Categories): string {
  const { lang } = ctx;
  const rows = contacts
    .map(
      (c) =>
        `<tr><td>${esc(c.department)}</td><td>${esc(categoryName(cats, 'sectors', c.sector, lang))}</td><td>${esc(c.areas.map((a) => categoryName(cats, 'areas', a, lang)).join(', '))}</td><td>${esc(c.name)}</td><td>${esc(c.email ?? '')}</td><td>${esc(c.phone ?? '')}</td></tr>`,
    )
    .join('');
  return layout(
    ctx,
    t(lang, 'overview.ui.contacts'),
    `<section><table><caption>${esc(t(lang, 'overview.ui.contacts'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.department'))}</th><th scope="col">${esc(t(lang, 'overview.ui.sector'))}</th><th scope="col">${esc(t(lang, 'overview.ui.areas'))}</th><th scope="col">${esc(t(lang, 'overview.ui.name'))}</th><th scope="col">${esc(t(lang, 'overview.ui.email'))}</th><th scope="col">${esc(t(lang, 'overview.ui.phone'))}</th></tr></thead>
<tbody>${rows}</tbody></table></section>`,
  );
}

function planForm(
  ctx: PageContext,
  caseId: string,
  s: { section: string; version: number } & Partial<PlanSection>,
): string {
  const { lang } = ctx;
  const id = esc(s.section || 'new');
  const name =
    s.section === ''
      ? field(
          `section-${id}`,
          'section',
          t(lang, 'overview.ui.section'),
          'text',
          ' required pattern="[a-z][a-z0-9_]*" maxlength="40"',
        )
      : `<input type="hidden" name="section" value="${esc(s.section)}">`;
  return `<form method="post" action="/overview/cases/${encodeURIComponent(caseId)}/plan?lang=${lang}">${csrfInput(ctx)}
${name}<input type="hidden" name="baseVersion" value="${s.version}">
<label for="goals-${id}">${esc(t(lang, 'overview.ui.goals'))}</label><textarea id="goals-${id}" name="goals" rows="3" maxlength="20000">${esc(s.goals ?? '')}</textarea>
<label for="act-${id}">${esc(t(lang, 'overview.ui.activities'))}</label><textarea id="act-${id}" name="activities" rows="3" maxlength="20000">${esc(s.activities ?? '')}</textarea>
${field(`resp-${id}`, 'responsible', t(lang, 'overview.ui.responsible'), 'text', ` maxlength="200" value="${esc(s.responsible ?? '')}"`)}
${field(`dl-${id}`, 'deadline', t(lang, 'overview.ui.deadline'), 'date', ` value="${esc(s.deadline ?? '')}"`)}
<button type="submit">${esc(t(lang, 'overview.ui.save'))}</button></form>`;
}

/** The shared plan: every section with its form; a conflict shows the other person's version and keeps the reader's text. */
export function planPage(
  ctx: PageContext,
  caseId: string,
  title: string,
  sections: PlanSection[],
  conflict?: { mine: Omit<PlanSection, 'version' | 'author' | 'writtenAt'>; theirs: PlanSection },
): string {
  const { lang } = ctx;
  const body = sections
    .map((s) => {
      const clash = conflict && conflict.theirs.section === s.section;
      const shown = clash ? { ...s, ...conflict.mine, version: conflict.theirs.version } : s;
      return `<section><h2>${esc(s.section)}</h2><p class="muted">${esc(t(lang, 'overview.ui.version_by', { version: s.version, author: s.author, date: date(s.writtenAt, lang) }))}</p>
${clash ? `<p><strong>${esc(t(lang, 'overview.ui.theirs'))}</strong></p><p>${esc(s.goals)}</p><p>${esc(s.activities)}</p>` : ''}
${planForm(ctx, caseId, shown)}</section>`;
    })
    .join('');
  return layout(
    ctx,
    `${t(lang, 'overview.ui.plan')}: ${title}`,
    `<p><a href="/overview/cases/${encodeURIComponent(caseId)}?lang=${lang}">${esc(t(lang, 'overview.ui.back_to_case'))}</a></p>${body}
<section><h2>${esc(t(lang, 'overview.ui.new_section'))}</h2>${planForm(ctx, caseId, { section: '', version: 0 })}</section>`,
  );
}

/** The case pack for the rehabilitation team, printable (A4). */
export function packPage(ctx: PageContext, pack: CasePack, cats: Categories): string {
  const { lang } = ctx;
  const list = (entries: CasePack['timeline']) =>
    entries.length
      ? `<ul>${entries.map((e) => `<li>${date(e.date, lang)}: ${esc(e.title)} <span class="muted">(${esc(e.department)}, ${esc(categoryName(cats, 'dataTypes', e.dataType, lang))})</span></li>`).join('')}</ul>`
      : `<p class="muted">${esc(t(lang, 'overview.ui.none'))}</p>`;
  const timeline = pack.timeline
    .map(
      (e) =>
        `<tr><td>${date(e.date, lang)}</td><td>${esc(categoryName(cats, 'areas', e.area, lang))}</td><td>${esc(e.department)}</td><td>${esc(e.title)}</td></tr>`,
    )
    .join('');
  const assessments = pack.assessments.length
    ? pack.assessments
        .map(
          (r) =>
            `<h3>${esc(categoryName(cats, 'areas', r.area, lang))} – ${date(r.answeredAt, lang)}</h3><p>${esc(r.answerText ?? '')}</p>${r.answerRef ? `<p class="muted">${esc(t(lang, 'overview.ui.document_ref'))}: ${esc(r.answerRef)}</p>` : ''}`,
        )
        .join('')
    : `<p class="muted">${esc(t(lang, 'overview.ui.none'))}</p>`;
  const plan = pack.plan
    .map(
      (s) =>
        `<h3>${esc(s.section)}</h3><p><strong>${esc(t(lang, 'overview.ui.goals'))}:</strong> ${esc(s.goals)}</p><p><strong>${esc(t(lang, 'overview.ui.activities'))}:</strong> ${esc(s.activities)}</p><p>${esc(t(lang, 'overview.ui.responsible'))}: ${esc(s.responsible)} · ${esc(t(lang, 'overview.ui.deadline'))}: ${date(s.deadline, lang)}</p>`,
    )
    .join('');
  return layout(
    ctx,
    `${t(lang, 'overview.ui.pack')}: ${pack.case.title}`,
    `<section><h2>${esc(t(lang, 'overview.ui.summary'))}</h2>${pack.summary ? `<p>${esc(pack.summary.goals)}</p><p>${esc(pack.summary.activities)}</p>` : `<p class="muted">${esc(t(lang, 'overview.ui.summary_missing'))}</p>`}</section>
<section><h2>${esc(t(lang, 'overview.ui.cv'))}</h2><h3>${esc(t(lang, 'overview.ui.cv_education'))}</h3>${list(pack.education)}<h3>${esc(t(lang, 'overview.ui.cv_work'))}</h3>${list(pack.work)}</section>
<section><h2>${esc(t(lang, 'overview.ui.timeline'))}</h2><table><caption>${esc(t(lang, 'overview.ui.timeline'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.date'))}</th><th scope="col">${esc(t(lang, 'overview.ui.area'))}</th><th scope="col">${esc(t(lang, 'overview.ui.department'))}</th><th scope="col">${esc(t(lang, 'overview.ui.title'))}</th></tr></thead>
<tbody>${timeline}</tbody></table></section>
<section><h2>${esc(t(lang, 'overview.ui.assessments'))}</h2>${assessments}</section>
<section><h2>${esc(t(lang, 'overview.ui.plan'))}</h2>${plan || `<p class="muted">${esc(t(lang, 'overview.ui.none'))}</p>`}</section>`,
  );
}

/** A case no consent in force covers: the refusal (in ctx.message), the consents so far, and the form to record one. */
export function consentPage(
  ctx: PageContext,
  kase: CaseRow,
  consents: ConsentVersion[],
  cats: Categories,
): string {
  const { lang } = ctx;
  const base = `/overview/cases/${encodeURIComponent(kase.id)}`;
  const opts = {
    areas: cats.areas.map((a) => ({ id: a.id, label: a.name[lang] })),
    types: cats.dataTypes.map((d) => ({ id: d.id, label: d.name[lang] })),
    sectors: cats.sectors.map((s) => ({ id: s.id, label: s.name[lang] })),
    phases: cats.phases.map((p) => ({ id: p.id, label: p.name[lang] })),
  };
  const rows = consents.map((c) => consentSummary(c, cats, lang)).join('');
  return layout(
    ctx,
    kase.title,
    `<section><h2>${esc(t(lang, 'overview.ui.consents'))}</h2>
<table><caption>${esc(t(lang, 'overview.ui.consents'))}</caption>
<thead><tr><th scope="col">${esc(t(lang, 'overview.ui.areas'))}</th><th scope="col">${esc(t(lang, 'overview.ui.data_types'))}</th><th scope="col">${esc(t(lang, 'overview.ui.from_whom'))}</th><th scope="col">${esc(t(lang, 'overview.ui.phases'))}</th><th scope="col">${esc(t(lang, 'overview.ui.state'))}</th><th scope="col">${esc(t(lang, 'overview.ui.version'))}</th></tr></thead>
<tbody>${rows}</tbody></table>
${consentForm(ctx, base, opts)}</section>`,
  );
}
