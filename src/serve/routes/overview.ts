/**
 * The caseworker overview over HTTP (issue 15): server-rendered pages under /overview and JSON under
 * /api/overview. Every route declares its access (roles, purpose 'case'; the directory and the
 * municipality's setting are the administrator's, purpose 'admin'); the policy hook enforces it.
 * The domain rules live in src/overview — these handlers only read the request, call them and render.
 * A person id typed by a caseworker or pushed by a system is pseudonymised here with the store's
 * case key and never stored or logged. docs/overview.md describes every route.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../core/messages.js';
import { parsePersonId, type Country } from '../../ids/person-id.js';
import type { Lang } from '../../i18n.js';
import { loadCategories, type Categories } from '../../overview/categories.js';
import { myCases, openCase, requireAssignedCase } from '../../overview/cases.js';
import { isOverviewError, organisationOf, overviewError, type Actor } from '../../overview/common.js';
import { dayOf, type GivenHow } from '../../overview/consent.js';
import {
  consentsForCase,
  recordConsent,
  withdrawConsent,
  type ConsentInput,
} from '../../overview/consents.js';
import { listContacts, saveContact } from '../../overview/contacts.js';
import { loadEntries, type EntryInput, type Pseudonymise } from '../../overview/entries.js';
import { exportHandover, importHandover } from '../../overview/handover.js';
import { caseOverview, setUncoveredDisplay } from '../../overview/overview.js';
import { casePack } from '../../overview/pack.js';
import { PlanConflict, readPlan, savePlanSection, type PlanInput } from '../../overview/plan.js';
import { reminders } from '../../overview/reminders.js';
import {
  answerRequest,
  contactQueue,
  createRequest,
  requestsForCase,
  type Answer,
  type RequestInput,
} from '../../overview/requests.js';
import { appendAudit } from '../../store/audit.js';
import type { Role } from '../../store/access.js';
import { caseSubject, loadCaseKey } from '../../store/keys.js';
import { requestLang } from '../auth/policy.js';
import { accountOf, sendPage } from '../page.js';
import {
  casePage,
  casesPage,
  contactsPage,
  consentPage,
  messagePage,
  packPage,
  planPage,
  queuePage,
  type PageContext,
} from './overview-pages.js';

export interface OverviewRouteOptions {
  /** the categories file (default: the shipped catalogues/overview/categories.yaml) */
  categories?: Categories;
  /** which person ids caseworkers type and systems push: DK (CPR, default) or SE (personnummer) */
  country?: Country;
}

const access = (roles: Role[]) => ({ config: { access: { roles, purpose: 'case' as const } } });
const CASEWORKER = access(['caseworker']);
const DATA_CONTACT = access(['data_contact']);
const CASE_ROLES = access(['caseworker', 'data_contact']);
const ADMIN = { config: { access: { roles: ['admin'] as Role[], purpose: 'admin' as const } } };

type Body = Record<string, unknown>;

/** A form or JSON field as trimmed text ('' when absent). */
function str(body: Body, name: string): string {
  const v = body[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0].trim() : '';
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** A repeated form field, a JSON array, or comma-separated text, as a list of non-empty strings. */
function list(body: Body, name: string): string[] {
  const v = body[name];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
  return items
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.trim())
    .filter(Boolean);
}

function actorOf(request: FastifyRequest): Actor {
  const u = request.user!;
  return { id: u.id, roles: u.roles, ...(u.organisation ? { organisation: u.organisation } : {}) };
}

function idParam(request: FastifyRequest, name = 'id'): string {
  return String((request.params as Record<string, unknown>)[name] ?? '');
}

function consentInput(body: Body): ConsentInput {
  return {
    areas: list(body, 'areas'),
    dataTypes: list(body, 'dataTypes'),
    sectors: list(body, 'sectors'),
    departments: list(body, 'departments'),
    providers: list(body, 'providers'),
    phases: list(body, 'phases'),
    validFrom: str(body, 'validFrom'),
    validTo: str(body, 'validTo'),
    givenHow: str(body, 'givenHow') as GivenHow,
  };
}

function requestInput(body: Body): RequestInput {
  const contactId = str(body, 'contactId');
  const department = str(body, 'department');
  return {
    ...(contactId ? { contactId } : {}),
    ...(department ? { department } : {}),
    area: str(body, 'area'),
    dataTypes: list(body, 'dataTypes'),
    message: str(body, 'message'),
    dueDate: str(body, 'dueDate'),
  };
}

function planInput(body: Body): PlanInput {
  const deadline = str(body, 'deadline');
  return {
    goals: str(body, 'goals'),
    activities: str(body, 'activities'),
    responsible: str(body, 'responsible'),
    deadline: deadline === '' ? null : deadline,
  };
}

function answerInput(body: Body): Answer {
  const kind = str(body, 'kind');
  if (kind === 'decline') return { kind, reason: str(body, 'reason') || str(body, 'text') };
  if (kind === 'document') return { kind, ref: str(body, 'ref'), text: str(body, 'text') };
  if (kind === 'summary') return { kind, text: str(body, 'text') };
  throw overviewError('consent.unknown_value', 400, { field: 'kind', value: kind.slice(0, 40) });
}

/** Register the overview's pages and API on `app` (a Fastify plugin). */
export async function overviewRoutes(app: FastifyInstance, opts: OverviewRouteOptions = {}): Promise<void> {
  const cats = opts.categories ?? loadCategories();
  const country: Country = opts.country ?? 'DK';
  let key: Promise<Buffer> | undefined;
  /** the store's case key, read once per process (it never changes for a store) */
  const pseudonymiser = async (): Promise<Pseudonymise> => {
    key ??= loadCaseKey(app.store);
    const k = await key;
    return (raw) => {
      const parsed = parsePersonId(raw, country);
      return parsed.ok ? caseSubject(k, parsed.normalised) : null;
    };
  };
  const citizenOf = async (raw: string): Promise<string> => {
    const pseudonym = (await pseudonymiser())(raw);
    if (pseudonym === null) throw overviewError('person.invalid', 400);
    return pseudonym;
  };

  const ctx = (request: FastifyRequest, message?: PageContext['message']): PageContext => {
    const csrf = request.csrfToken();
    const account = accountOf(request, csrf);
    return {
      lang: requestLang(request),
      path: request.url.split('?')[0] ?? '/overview',
      csrf,
      ...(message ? { message } : {}),
      ...(account ? { account } : {}),
    };
  };
  const html = (reply: FastifyReply, body: string, status = 200) => sendPage(reply, body, status);
  const back = (request: FastifyRequest, reply: FastifyReply, to: string) =>
    reply.redirect(`${to}?lang=${requestLang(request)}`, 303);
  const isPage = (request: FastifyRequest) => !request.url.startsWith('/api/');

  // the overview's own errors: the status and message they carry, as a page or as JSON
  app.setErrorHandler(async (error, request, reply) => {
    const lang: Lang = requestLang(request);
    if (error instanceof PlanConflict) {
      if (!isPage(request))
        return reply.code(409).send({
          error: t(lang, 'overview.plan.conflict.msg', conflictVars(error)),
          current: error.current,
        });
      const caseId = idParam(request);
      const kase = await requireAssignedCase(app.store, actorOf(request), caseId);
      const sections = await readPlan(app.store, actorOf(request), caseId);
      const body = request.body as Body;
      const message = {
        kind: 'error' as const,
        text: t(lang, 'overview.plan.conflict.msg', conflictVars(error)),
      };
      return html(
        reply,
        planPage(ctx(request, message), caseId, kase.title, sections, {
          mine: { section: error.current.section, ...planInput(body) },
          theirs: error.current,
        }),
        409,
      );
    }
    if (isOverviewError(error)) {
      const local = error.localise?.(lang);
      const text = local?.message ?? error.message;
      const hint = local?.hint;
      if (!isPage(request))
        return reply.code(error.status).send({ error: text, code: error.code, ...(hint ? { hint } : {}) });
      // a refused consent still lets the caseworker see and record consents on the case
      if (
        error.code.startsWith('consent.deny.') &&
        request.method === 'GET' &&
        /^\/overview\/cases\/[^/]+$/.test(request.url.split('?')[0]!)
      ) {
        const caseId = idParam(request);
        const kase = await requireAssignedCase(app.store, actorOf(request), caseId);
        const consents = await consentsForCase(app.store, caseId);
        await appendAudit(app.store, {
          actor: request.user!.id,
          action: 'overview.consent.list',
          purpose: 'case',
          subject: kase.citizen,
          detail: { case: caseId, consents: consents.map((c) => ({ id: c.id, version: c.version })) },
        });
        return html(
          reply,
          consentPage(ctx(request, { kind: 'error', text, ...(hint ? { hint } : {}) }), kase, consents, cats),
          error.status,
        );
      }
      return html(
        reply,
        messagePage(ctx(request, { kind: 'error', text, ...(hint ? { hint } : {}) }), text),
        error.status,
      );
    }
    throw error;
  });

  // ---------------------------------------------------------------- pages: caseworker
  const myReminders = (actor: ReturnType<typeof actorOf>) =>
    reminders(app.store, dayOf(new Date()), { userId: actor.id, organisation: organisationOf(actor) });
  app.get('/overview', CASEWORKER, async (request, reply) => {
    const actor = actorOf(request);
    return html(
      reply,
      casesPage(ctx(request), await myCases(app.store, actor), cats, await myReminders(actor)),
    );
  });
  app.post('/overview/cases', CASEWORKER, async (request, reply) => {
    const body = request.body as Body;
    const kase = await openCase(app.store, actorOf(request), {
      citizen: await citizenOf(str(body, 'personId')),
      purpose: str(body, 'purpose') || 'rehabilitation',
      phase: phaseOf(cats, str(body, 'phase')),
      title: str(body, 'title') || t(requestLang(request), 'overview.ui.case'),
    });
    return back(request, reply, `/overview/cases/${encodeURIComponent(kase.id)}`);
  });
  app.get('/overview/cases/:id', CASEWORKER, async (request, reply) => {
    const actor = actorOf(request);
    const view = await caseOverview(app.store, actor, idParam(request), cats);
    const requests = await requestsForCase(app.store, view.case.id);
    const directory = await listContacts(app.store, actor.organisation ?? 'default');
    return html(reply, casePage(ctx(request), view, cats, requests, directory));
  });
  app.post('/overview/cases/:id/consents', CASEWORKER, async (request, reply) => {
    await recordConsent(
      app.store,
      actorOf(request),
      idParam(request),
      consentInput(request.body as Body),
      cats,
    );
    return back(request, reply, `/overview/cases/${encodeURIComponent(idParam(request))}`);
  });
  app.post('/overview/cases/:id/consents/:cid/withdraw', CASEWORKER, async (request, reply) => {
    await withdrawConsent(app.store, actorOf(request), idParam(request), idParam(request, 'cid'));
    return back(request, reply, `/overview/cases/${encodeURIComponent(idParam(request))}`);
  });
  app.post('/overview/cases/:id/requests', CASEWORKER, async (request, reply) => {
    await createRequest(app.store, actorOf(request), idParam(request), requestInput(request.body as Body));
    return back(request, reply, `/overview/cases/${encodeURIComponent(idParam(request))}`);
  });
  app.get('/overview/cases/:id/plan', CASEWORKER, async (request, reply) => {
    const actor = actorOf(request);
    const kase = await requireAssignedCase(app.store, actor, idParam(request));
    return html(
      reply,
      planPage(ctx(request), kase.id, kase.title, await readPlan(app.store, actor, kase.id)),
    );
  });
  app.post('/overview/cases/:id/plan', CASEWORKER, async (request, reply) => {
    const body = request.body as Body;
    await savePlanSection(
      app.store,
      actorOf(request),
      idParam(request),
      str(body, 'section'),
      Number(str(body, 'baseVersion') || '0'),
      planInput(body),
    );
    return back(request, reply, `/overview/cases/${encodeURIComponent(idParam(request))}/plan`);
  });
  app.get('/overview/cases/:id/pack', CASEWORKER, async (request, reply) =>
    html(
      reply,
      packPage(ctx(request), await casePack(app.store, actorOf(request), idParam(request), cats), cats),
    ),
  );

  // ---------------------------------------------------------------- pages: data contact, directory
  app.get('/overview/queue', DATA_CONTACT, async (request, reply) =>
    html(reply, queuePage(ctx(request), await contactQueue(app.store, actorOf(request)), cats)),
  );
  app.post('/overview/queue/:rid/answer', DATA_CONTACT, async (request, reply) => {
    await answerRequest(
      app.store,
      actorOf(request),
      idParam(request, 'rid'),
      answerInput(request.body as Body),
    );
    return back(request, reply, '/overview/queue');
  });
  app.get('/overview/contacts', CASE_ROLES, async (request, reply) =>
    html(
      reply,
      contactsPage(
        ctx(request),
        await listContacts(app.store, actorOf(request).organisation ?? 'default'),
        cats,
      ),
    ),
  );

  // ---------------------------------------------------------------- JSON API
  app.get('/api/overview/categories', CASE_ROLES, async () => cats);
  app.get('/api/overview/reminders', CASEWORKER, async (request) => ({
    reminders: await myReminders(actorOf(request)),
  }));
  app.get('/api/overview/cases', CASEWORKER, async (request) =>
    (await myCases(app.store, actorOf(request))).map(({ citizen: _c, ...c }) => c),
  );
  app.post('/api/overview/cases', CASEWORKER, async (request, reply) => {
    const body = request.body as Body;
    const { citizen: _c, ...kase } = await openCase(app.store, actorOf(request), {
      citizen: await citizenOf(str(body, 'personId')),
      purpose: str(body, 'purpose') || 'rehabilitation',
      phase: phaseOf(cats, str(body, 'phase')),
      title: str(body, 'title') || 'Rehabiliteringssag',
    });
    return reply.code(201).send(kase);
  });
  app.get('/api/overview/cases/:id', CASEWORKER, async (request) =>
    caseOverview(app.store, actorOf(request), idParam(request), cats),
  );
  app.post('/api/overview/cases/:id/consents', CASEWORKER, async (request, reply) =>
    reply
      .code(201)
      .send(
        await recordConsent(
          app.store,
          actorOf(request),
          idParam(request),
          consentInput(request.body as Body),
          cats,
        ),
      ),
  );
  app.post('/api/overview/cases/:id/consents/:cid/withdraw', CASEWORKER, async (request) =>
    withdrawConsent(app.store, actorOf(request), idParam(request), idParam(request, 'cid')),
  );
  app.get('/api/overview/cases/:id/requests', CASEWORKER, async (request) => {
    const kase = await requireAssignedCase(app.store, actorOf(request), idParam(request));
    return requestsForCase(app.store, kase.id);
  });
  app.post('/api/overview/cases/:id/requests', CASEWORKER, async (request, reply) =>
    reply
      .code(201)
      .send(
        await createRequest(
          app.store,
          actorOf(request),
          idParam(request),
          requestInput(request.body as Body),
        ),
      ),
  );
  app.get('/api/overview/cases/:id/plan', CASEWORKER, async (request) =>
    readPlan(app.store, actorOf(request), idParam(request)),
  );
  app.put('/api/overview/cases/:id/plan/:section', CASEWORKER, async (request) => {
    const body = request.body as Body;
    return savePlanSection(
      app.store,
      actorOf(request),
      idParam(request),
      idParam(request, 'section'),
      Number(body.baseVersion ?? 0),
      planInput(body),
    );
  });
  app.get('/api/overview/cases/:id/pack', CASEWORKER, async (request) =>
    casePack(app.store, actorOf(request), idParam(request), cats),
  );
  app.get('/api/overview/cases/:id/handover', CASEWORKER, async (request, reply) => {
    const bundle = await exportHandover(app.store, actorOf(request), idParam(request), cats);
    return reply.header('content-disposition', 'attachment; filename="handover.json"').send(bundle);
  });
  app.post('/api/overview/handover', CASEWORKER, async (request, reply) => {
    const body = request.body as Body;
    const citizen = await citizenOf(str(body, 'personId'));
    const caseId = await importHandover(app.store, actorOf(request), body.bundle, citizen);
    return reply.code(201).send({ id: caseId });
  });
  // a department's system pushes its index entries (as its data contact's account)
  app.post('/api/overview/index/:source', DATA_CONTACT, async (request) => {
    const body = request.body as Body;
    const rows = Array.isArray(body.entries) ? (body.entries as EntryInput[]) : [];
    return loadEntries(
      app.store,
      actorOf(request),
      idParam(request, 'source'),
      rows,
      cats,
      await pseudonymiser(),
    );
  });
  app.get('/api/overview/queue', DATA_CONTACT, async (request) => contactQueue(app.store, actorOf(request)));
  app.post('/api/overview/queue/:rid/answer', DATA_CONTACT, async (request) =>
    answerRequest(app.store, actorOf(request), idParam(request, 'rid'), answerInput(request.body as Body)),
  );
  app.get('/api/overview/contacts', CASE_ROLES, async (request) =>
    listContacts(app.store, actorOf(request).organisation ?? 'default'),
  );
  app.put('/api/overview/contacts/:id', ADMIN, async (request) => {
    const body = request.body as Body;
    return saveContact(
      app.store,
      actorOf(request),
      {
        id: idParam(request),
        department: str(body, 'department'),
        sector: str(body, 'sector'),
        areas: list(body, 'areas'),
        name: str(body, 'name'),
        email: str(body, 'email') || null,
        phone: str(body, 'phone') || null,
        userId: str(body, 'userId') || null,
      },
      cats,
    );
  });
  app.put('/api/overview/settings', ADMIN, async (request) => {
    const display = str(request.body as Body, 'uncoveredDisplay');
    if (display !== 'exists' && display !== 'hidden')
      throw overviewError('consent.unknown_value', 400, {
        field: 'uncoveredDisplay',
        value: display.slice(0, 40),
      });
    const actor = actorOf(request);
    await setUncoveredDisplay(app.store, actor, actor.organisation ?? 'default', display);
    return { uncoveredDisplay: display };
  });
}

function phaseOf(cats: Categories, phase: string): string {
  const id = phase || cats.phases[0]!.id;
  if (!cats.phases.some((p) => p.id === id))
    throw overviewError('consent.unknown_value', 400, { field: 'phase', value: id.slice(0, 40) });
  return id;
}

function conflictVars(e: PlanConflict): Record<string, string | number> {
  return { version: e.current.version, author: e.current.author };
}
