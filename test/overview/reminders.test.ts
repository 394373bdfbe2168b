// Reminders (src/overview/reminders.ts) and the demo's cases with consents in every state and its
// Swedish ids (src/overview/demo.ts). Every day count is worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePersonId } from '../../src/ids/person-id.js';
import { assignCase, openCase } from '../../src/overview/cases.js';
import type { Actor } from '../../src/overview/common.js';
import { recordConsent, withdrawConsent } from '../../src/overview/consents.js';
import { loadOverviewDemo, overviewDemo } from '../../src/overview/demo.js';
import { caseOverview } from '../../src/overview/overview.js';
import { daysBetween, reminders } from '../../src/overview/reminders.js';
import { answerRequest, createRequest } from '../../src/overview/requests.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { CITIZEN_A, CONSENT, cats, cw1, dc1, pseudonymise, seed } from './fixture.js';

let store: OpenedStore;
beforeAll(async () => {
  store = await openStore();
  await seed(store);
}, 120_000);
afterAll(async () => {
  await store?.close();
});

const TODAY = '2026-03-10';
const AT = new Date('2026-03-10T09:00:00Z');

const issued = async () =>
  Number(
    (
      await store.query<{ n: bigint }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'overview.reminder.issue'",
      )
    )[0]!.n,
  );

describe('reminders for the caseworker', () => {
  it('counts days between calendar days', () => {
    expect(daysBetween('2026-03-10', '2026-03-24')).toBe(14); // 24 − 10
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3); // 28 Feb, 1 Mar, 2 Mar (2026 is no leap year)
    expect(daysBetween('2026-03-10', '2026-03-08')).toBe(-2);
  });

  it('lists a consent ending within 14 days and an unanswered request past its due date, issuing each once', async () => {
    const open = (title: string) =>
      openCase(store, cw1, {
        citizen: pseudonymise(CITIZEN_A),
        purpose: 'rehabilitation',
        phase: 'preparation',
        title,
      });
    const k1 = await open('K1');
    const k2 = await open('K2');
    // K1 ends 2026-03-24: 24 − 10 = 14 days, the last day of the window → a reminder
    const c1 = await recordConsent(store, cw1, k1.id, { ...CONSENT, validTo: '2026-03-24' }, cats);
    // K2 ends 2026-03-25: 15 days → none
    await recordConsent(store, cw1, k2.id, { ...CONSENT, validTo: '2026-03-25' }, cats);
    const ask = (dueDate: string) =>
      createRequest(
        store,
        cw1,
        k2.id,
        {
          contactId: 'dc-social',
          area: 'social_psychiatry',
          dataTypes: ['status'],
          message: 'Status',
          dueDate,
        },
        AT,
      );
    const r1 = await ask('2026-03-08'); // open, due 2 days ago → a reminder
    const r2 = await ask('2026-03-09'); // answered → none
    await ask('2026-03-10'); // due today, not yet overdue → none
    await answerRequest(store, dc1, r2.id, { kind: 'summary', text: 'Svar' });

    const first = await reminders(store, TODAY, { userId: cw1.id });
    expect(first.map((r) => [r.kind, r.caseTitle, r.ref, r.due, r.days, r.contactId, r.issuedNow])).toEqual([
      ['request_overdue', 'K2', r1.id, '2026-03-08', -2, 'dc-social', true],
      ['consent_expiring', 'K1', `${c1.id}:1`, '2026-03-24', 14, null, true],
    ]);
    expect(await issued()).toBe(2);
    // the same day again: the same two, none issued anew, nothing more in the audit trail
    const again = await reminders(store, TODAY, { userId: cw1.id });
    expect(again.map((r) => [r.ref, r.issuedNow])).toEqual([
      [r1.id, false],
      [`${c1.id}:1`, false],
    ]);
    expect(again.map((r) => r.issuedAt)).toEqual(first.map((r) => r.issuedAt));
    expect(await issued()).toBe(2);
    const [req] = await store.query<{ reminded_at: unknown }>(
      'SELECT reminded_at FROM overview_request WHERE id = $1',
      [r1.id],
    );
    expect(req!.reminded_at).not.toBeNull();

    // a second caseworker on K1 gets the consent's reminder too: 2 + 1 = 3 in the municipality
    await assignCase(store, cw1, k1.id, 'cw2');
    const all = await reminders(store, TODAY, { organisation: 'aarhus' });
    expect(all.map((r) => [r.userId, r.kind]).sort()).toEqual([
      ['cw1', 'consent_expiring'],
      ['cw1', 'request_overdue'],
      ['cw2', 'consent_expiring'],
    ]);
    expect(await issued()).toBe(3);
    // withdrawn, the consent needs no renewal: only the request is left
    await withdrawConsent(store, cw1, k1.id, c1.id, AT);
    expect((await reminders(store, TODAY, { organisation: 'aarhus' })).map((r) => r.kind)).toEqual([
      'request_overdue',
    ]);
  }, 60_000);
});

describe('the demo: cases with consents in every state, and Swedish ids', () => {
  const demoAdmin: Actor = { id: 'demo-admin', roles: ['admin'], organisation: 'demo' };
  const cw: Actor = { id: 'user-cw', roles: ['caseworker'], organisation: 'demo' };
  const NOW = new Date('2026-03-10T10:00:00Z'); // 11:00 in Copenhagen, day 2026-03-10

  it('opens four cases for the caseworker; the overview gives allow, narrower, expired and withdrawn', async () => {
    const opts = { caseworkerUserId: cw.id, dataContactUserId: 'user-dc', now: NOW };
    const { cases } = await loadOverviewDemo(store, demoAdmin, cats, opts);
    expect(cases.map((c) => [c.label, c.consents])).toEqual([
      ['Borger B', ['given']],
      ['Borger C', ['partly_given']],
      ['Borger D', ['expired', 'not_yet_valid']],
      ['Borger E', ['withdrawn']],
    ]);
    const view = (i: number) => caseOverview(store, cw, cases[i]!.caseId, cats, NOW);
    // B: the consent names all four of B's areas, every type and sector → 4 covered, 0 outside
    const b = await view(0);
    expect([b.entries.length, b.cells.reduce((n, c) => n + c.uncovered, 0)]).toEqual([4, 0]);
    // C: employment status only → C's employment status entry; the other three exist outside it
    const c = await view(1);
    expect([c.entries.length, c.cells.reduce((n, x) => n + x.uncovered, 0)]).toEqual([1, 3]);
    // D: expired (ended 35 days ago) beats not yet valid (from in 7 days): the later rule reached
    await expect(view(2)).rejects.toMatchObject({ status: 403, code: 'consent.deny.expired' });
    // E: withdrawn yesterday
    await expect(view(3)).rejects.toMatchObject({ status: 403, code: 'consent.deny.withdrawn' });

    // B's consent ends 2026-03-20 (10 days); B's request was due 2026-03-07 (3 days ago)
    const due = await reminders(store, '2026-03-10', { userId: cw.id });
    expect(due.map((r) => [r.kind, r.caseTitle, r.due, r.days])).toEqual([
      ['request_overdue', 'Rehabiliteringssag (demo): samtykke givet', '2026-03-07', -3],
      ['consent_expiring', 'Rehabiliteringssag (demo): samtykke givet', '2026-03-20', 10],
    ]);

    // loading again opens no new case
    const again = await loadOverviewDemo(store, demoAdmin, cats, opts);
    expect(again.cases.map((x) => x.caseId)).toEqual(cases.map((x) => x.caseId));
    const [n] = await store.query<{ n: bigint }>(
      "SELECT count(*) AS n FROM overview_case WHERE organisation = 'demo'",
    );
    expect(Number(n!.n)).toBe(4);
  }, 60_000);

  it('gives the Swedish demo synthetic personnummer with a valid check digit, loaded without findings', async () => {
    const se = overviewDemo('SE');
    // Invånare A, born 9 March 1984, F: 840309 244 and the Luhn digit — 8·2=16→7, 4, 0·2=0, 3, 0·2=0,
    // 9, 2·2=4, 4, 4·2=8: 7+4+0+3+0+9+4+4+8 = 39 → (10 − 9) mod 10 = 1
    expect(se.citizens[0]).toEqual({ label: 'Invånare A', personId: '19840309-2441' });
    for (const c of se.citizens) expect(parsePersonId(c.personId, 'SE')).toMatchObject({ ok: true });
    expect(se.citizens.map((c) => c.personId.slice(0, 8))).toEqual([
      '19840309',
      '19910723',
      '19781102',
      '20010117',
      '19690530',
    ]);
    expect(se.entries[0]!.itemRef).toBe('DEMO-SE-A-1');
    // beside the Danish demo in the same municipality: its own item references, so nothing is overwritten
    const { summary } = await loadOverviewDemo(store, demoAdmin, cats, { country: 'SE', now: NOW });
    expect(summary).toMatchObject({ rowsIn: 23, rowsLoaded: 23, inserted: 23, findings: [] });
    const [n] = await store.query<{ n: bigint }>(
      "SELECT count(*) AS n FROM overview_index_entry WHERE organisation = 'demo'",
    );
    expect(Number(n!.n)).toBe(46); // 23 Danish + 23 Swedish
  }, 60_000);
});
