// The overview's pages in Chromium with axe (WCAG 2.1 A/AA): no serious or critical violation on any
// page, in Danish and English, filled with the fixture's case (a consent, entries, a request answered,
// a plan with a conflict). Skipped where Chromium is not installed (CI installs it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myCases, openCase } from '../../src/overview/cases.js';
import { consentsForCase, recordConsent } from '../../src/overview/consents.js';
import { listContacts } from '../../src/overview/contacts.js';
import { caseOverview } from '../../src/overview/overview.js';
import { casePack } from '../../src/overview/pack.js';
import { readPlan, savePlanSection } from '../../src/overview/plan.js';
import { reminders } from '../../src/overview/reminders.js';
import { answerRequest, contactQueue, createRequest, requestsForCase } from '../../src/overview/requests.js';
import {
  casePage,
  casesPage,
  consentPage,
  contactsPage,
  packPage,
  planPage,
  queuePage,
  type PageContext,
} from '../../src/serve/routes/overview-pages.js';
import type { Lang } from '../../src/i18n.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { AT, CITIZEN_A, CONSENT, cats, cw1, dc1, pseudonymise, seed } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`overview axe tests skipped: ${CHROMIUM} is not installed (CI installs it)`);

let store: OpenedStore;
let browser: Browser;
const pages: Record<string, (lang: Lang) => string> = {};

beforeAll(async () => {
  if (!hasChromium) return;
  store = await openStore();
  await seed(store);
  const kase = await openCase(store, cw1, {
    citizen: pseudonymise(CITIZEN_A),
    purpose: 'rehabilitation',
    phase: 'preparation',
    title: 'Rehabiliteringssag',
  });
  const bare = await openCase(store, cw1, {
    citizen: pseudonymise(CITIZEN_A),
    purpose: 'rehabilitation',
    phase: 'preparation',
    title: 'Sag uden samtykke',
  });
  await recordConsent(store, cw1, kase.id, CONSENT, cats);
  const req = await createRequest(
    store,
    cw1,
    kase.id,
    {
      contactId: 'dc-social',
      area: 'social_psychiatry',
      dataTypes: ['status'],
      message: 'Status',
      dueDate: '2026-03-31',
    },
    AT,
  );
  await answerRequest(store, dc1, req.id, { kind: 'summary', text: 'Vurdering' });
  await createRequest(
    store,
    cw1,
    kase.id,
    {
      contactId: 'dc-jobcenter',
      area: 'employment',
      dataTypes: ['status'],
      message: 'Praktik',
      dueDate: '2026-03-31',
    },
    AT,
  );
  const plan = {
    goals: 'Afklaring',
    activities: 'Praktik',
    responsible: 'Jobcenter',
    deadline: '2026-06-01',
  };
  await savePlanSection(store, cw1, kase.id, 'jobcenter', 0, plan);
  await savePlanSection(store, cw1, kase.id, 'summary', 0, { ...plan, goals: 'Resumé' });
  const view = await caseOverview(store, cw1, kase.id, cats, AT);
  const requests = await requestsForCase(store, kase.id);
  const directory = await listContacts(store, 'aarhus');
  const sections = await readPlan(store, cw1, kase.id);
  const pack = await casePack(store, cw1, kase.id, cats, AT);
  const queue = await contactQueue(store, dc1);
  const cases = await myCases(store, cw1);
  // on 2 April the open request to the job centre (due 31 March) is 2 days overdue: one reminder
  const due = await reminders(store, '2026-04-02', { userId: cw1.id });
  expect(due.map((r) => [r.kind, r.days])).toEqual([['request_overdue', -2]]);
  const consents = await consentsForCase(store, kase.id);
  const ctx = (lang: Lang, path: string, message?: PageContext['message']): PageContext => ({
    lang,
    path,
    csrf: 'token',
    ...(message ? { message } : {}),
  });
  pages.cases = (l) => casesPage(ctx(l, '/overview'), cases, cats, due);
  pages.case = (l) => casePage(ctx(l, `/overview/cases/${kase.id}`), view, cats, requests, directory);
  pages.consent = (l) =>
    consentPage(
      ctx(l, `/overview/cases/${bare.id}`, { kind: 'error', text: 'Ingen samtykke' }),
      bare,
      consents,
      cats,
    );
  pages.queue = (l) => queuePage(ctx(l, '/overview/queue'), queue, cats);
  pages.plan = (l) =>
    planPage(
      ctx(l, `/overview/cases/${kase.id}/plan`, { kind: 'error', text: 'Konflikt' }),
      kase.id,
      kase.title,
      sections,
      {
        mine: { section: 'jobcenter', ...plan, goals: 'Min tekst' },
        theirs: sections[0]!,
      },
    );
  pages.pack = (l) => packPage(ctx(l, `/overview/cases/${kase.id}/pack`), pack, cats);
  pages.contacts = (l) => contactsPage(ctx(l, '/overview/contacts'), directory, cats);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await store?.close();
});

describe.skipIf(!hasChromium)('overview pages pass axe', () => {
  it('no serious or critical WCAG 2.1 A/AA violation on any page, in Danish and English', async () => {
    const axe = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const found: Record<string, unknown> = {};
    for (const [name, render] of Object.entries(pages))
      for (const lang of ['da', 'en'] as const) {
        await page.setContent(render(lang));
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const w = window as unknown as {
            axe: {
              run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          };
          const r = await w.axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
        });
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (bad.length) found[`${name}/${lang}`] = bad;
      }
    await page.close();
    expect(Object.keys(pages)).toHaveLength(7);
    expect(found).toEqual({});
  });
});
