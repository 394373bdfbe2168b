// The overview's rules on a real store (embedded PostgreSQL; the same SQL runs on a server): the
// index load, the matrix under a consent, withdrawal, IDOR, requests, the shared plan, handover —
// each expectation counted by hand from test/overview/fixture.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { postgresSkipReason, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { assignCase, openCase, setPhase } from '../../src/overview/cases.js';
import { consentHistory, recordConsent, withdrawConsent } from '../../src/overview/consents.js';
import { checkEntries, entriesFor, loadEntries } from '../../src/overview/entries.js';
import { caseOverview, setUncoveredDisplay } from '../../src/overview/overview.js';
import { answerRequest, contactQueue, createRequest, dueReminders } from '../../src/overview/requests.js';
import { PlanConflict, readPlan, savePlanSection, sectionHistory } from '../../src/overview/plan.js';
import { exportHandover, importHandover } from '../../src/overview/handover.js';
import { casePack } from '../../src/overview/pack.js';
import {
  AT,
  CITIZEN_A,
  CONSENT,
  ROWS,
  admin,
  cats,
  cw1,
  cw2,
  cwOdense,
  dc1,
  pseudonymise,
  seed,
} from './fixture.js';

// the same tests on the embedded store and, where PostgreSQL is installed, on a real server
const skip = postgresSkipReason();
if (skip && process.env.TVAERBLIK_REQUIRE_POSTGRES === '1')
  throw new Error(`PostgreSQL is required here: ${skip}`);
const KINDS: ('embedded' | 'postgres')[] = skip ? ['embedded'] : ['embedded', 'postgres'];

describe.each(KINDS)('on the %s store', (kind) => {
  // one store for the file (opening and migrating one takes seconds); each test opens its own case
  // and reads only the audit entries written since it started
  let store: OpenedStore;
  let mark = 0n;
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      cluster = await startPostgres();
      const client = new pg.Client(cluster.config);
      await client.connect();
      await client.query('CREATE DATABASE tvb_overview');
      await client.end();
      const c = cluster.config;
      store = await openStore({
        url: `postgresql://${c.user}@localhost:${c.port}/tvb_overview?host=${encodeURIComponent(c.host)}`,
      });
    } else store = await openStore();
    await seed(store);
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    cluster?.stop();
  });
  beforeEach(async () => {
    const [head] = await store.query<{ seq: bigint }>('SELECT seq FROM audit_head');
    mark = head!.seq;
    await setUncoveredDisplay(store, admin, 'aarhus', 'exists');
  });

  async function audit(action: string) {
    return store.query<{ actor: string; subject: string; detail: Record<string, unknown> }>(
      'SELECT actor, subject, detail FROM audit_log WHERE action = $1 AND seq > $2 ORDER BY seq',
      [action, mark],
    );
  }

  async function openWithConsent() {
    const kase = await openCase(store, cw1, {
      citizen: pseudonymise(CITIZEN_A),
      purpose: 'rehabilitation',
      phase: 'preparation',
      title: 'Rehabiliteringssag',
    });
    const consent = await recordConsent(store, cw1, kase.id, CONSENT, cats);
    return { kase, consent };
  }

  describe('the index', () => {
    it('loads 8 of 10 rows; an unknown area and a missing person are findings, off-matrix is reported and loaded', async () => {
      const [batch] = await store.query<{ rows_in: number; rows_loaded: number; findings: unknown }>(
        'SELECT rows_in, rows_loaded, findings FROM overview_index_batch ORDER BY loaded_at LIMIT 1',
      );
      expect(batch).toMatchObject({ rows_in: 10, rows_loaded: 8 });
      expect(batch!.findings).toEqual([
        { row: 7, field: 'area', problem: 'unknown_area', value: 'housing' },
        { row: 8, field: 'personId', problem: 'missing' },
        { row: 9, field: 'dataType', problem: 'off_matrix', value: 'education/certificate' },
      ]);
      expect(await entriesFor(store, 'aarhus', pseudonymise(CITIZEN_A))).toHaveLength(7);
    });

    it('loading the same extract again leaves the same index (repeatable), and stores no person id', async () => {
      await loadEntries(store, admin, 'mixed-extract', ROWS, cats, pseudonymise);
      const [{ n }] = (await store.query<{ n: bigint }>(
        "SELECT count(*) AS n FROM overview_index_entry WHERE organisation = 'aarhus'",
      )) as [{ n: bigint }];
      expect(n).toBe(8n);
      const raw = await store.query("SELECT 1 FROM overview_index_entry WHERE citizen LIKE 'synthetic%'");
      expect(raw).toEqual([]);
    });

    it('a load is atomic: a failure half-way leaves nothing', async () => {
      const before = await store.query('SELECT id FROM overview_index_entry ORDER BY id');
      let calls = 0;
      const failing = (id: string) => {
        calls += 1;
        if (calls === 2) throw new Error('key unavailable');
        return pseudonymise(id);
      };
      const fresh = ROWS.map((r, i) => ({ ...r, itemRef: `NEW-${i}` }));
      await expect(loadEntries(store, admin, 'mixed-extract', fresh, cats, failing)).rejects.toThrow(
        'key unavailable',
      );
      expect(await store.query('SELECT id FROM overview_index_entry ORDER BY id')).toEqual(before);
    });

    it('an unknown contact and a bad date are findings naming row and field, never the person', () => {
      const { valid, findings } = checkEntries(
        [{ ...ROWS[0]!, contactId: 'nobody', date: '2026-02-30x' }],
        cats,
        new Set(['dc-social']),
        pseudonymise,
      );
      expect(valid).toEqual([]);
      expect(findings).toEqual([
        { row: 1, field: 'date', problem: 'bad_date' },
        { row: 1, field: 'contactId', problem: 'unknown_contact', value: 'nobody' },
      ]);
      expect(JSON.stringify(findings)).not.toContain(CITIZEN_A);
    });
  });

  describe('the overview of a case', () => {
    it('shows the 4 covered entries, counts the 3 others as "exists, not covered", and audits the read with the consent', async () => {
      const { kase, consent } = await openWithConsent();
      const view = await caseOverview(store, cw1, kase.id, cats, AT);
      expect(view.entries.map((e) => e.itemRef)).toEqual(['F-2', 'F-1', 'N-7', 'U-1']);
      const cell = (area: string, type: string) =>
        view.cells.find((c) => c.area === area && c.dataType === type);
      expect(cell('employment', 'status')).toMatchObject({
        covered: 1,
        uncovered: 0,
        latest: '2026-01-10',
        sources: ['mixed-extract'],
      });
      expect(cell('social_psychiatry', 'status')).toMatchObject({ covered: 1, contacts: ['dc-social'] });
      expect(cell('health_regional', 'journal_note')).toMatchObject({
        covered: 0,
        uncovered: 1,
        latest: null,
      });
      expect(cell('economy', 'overview')).toMatchObject({ covered: 0, uncovered: 1 });
      expect(cell('education', 'certificate')).toMatchObject({ covered: 0, uncovered: 1, expected: false });
      expect(view.uncoveredReasons).toEqual({ area_not_covered: 2, type_not_covered: 1 });
      expect(view.contacts.map((c) => c.id)).toEqual(['dc-social']);
      const reads = await audit('overview.read');
      expect(reads).toHaveLength(1);
      expect(reads[0]!.actor).toBe('cw1');
      expect(reads[0]!.subject).toBe(pseudonymise(CITIZEN_A));
      expect(reads[0]!.detail).toEqual({
        case: kase.id,
        consents: [{ id: consent.id, version: 1 }],
        entries: view.entries.map((e) => e.id),
        uncovered: 3,
      });
    });

    it('hides entries outside the consent when the municipality chooses so', async () => {
      const { kase } = await openWithConsent();
      await setUncoveredDisplay(store, admin, 'aarhus', 'hidden');
      const view = await caseOverview(store, cw1, kase.id, cats, AT);
      expect(view.display).toBe('hidden');
      expect(view.cells.reduce((s, c) => s + c.uncovered, 0)).toBe(0);
      expect(view.cells.find((c) => c.area === 'education' && c.dataType === 'certificate')).toBeUndefined();
      expect(view.entries).toHaveLength(4);
    });

    it('IDOR: another caseworker gets "not found" for the same id, and the attempt is audited', async () => {
      const { kase } = await openWithConsent();
      await expect(caseOverview(store, cw2, kase.id, cats, AT)).rejects.toMatchObject({
        status: 404,
        code: 'case.not_found',
      });
      await expect(caseOverview(store, cw2, 'no-such-case', cats, AT)).rejects.toMatchObject({ status: 404 });
      const refused = await audit('overview.case.refused');
      expect(refused.map((r) => [r.actor, r.detail.case])).toEqual([
        ['cw2', kase.id],
        ['cw2', 'no-such-case'],
      ]);
      expect(await audit('overview.read')).toEqual([]);
    });

    it('withdrawal ends access from that moment; the history stays and cannot be deleted', async () => {
      const { kase, consent } = await openWithConsent();
      await withdrawConsent(store, cw1, kase.id, consent.id, new Date('2026-03-15T11:00:00Z'));
      expect(
        (await caseOverview(store, cw1, kase.id, cats, new Date('2026-03-15T10:59:59Z'))).entries,
      ).toHaveLength(4);
      const denied = caseOverview(store, cw1, kase.id, cats, new Date('2026-03-15T11:00:00Z'));
      await expect(denied).rejects.toMatchObject({ status: 403, code: 'consent.deny.withdrawn' });
      await expect(denied).rejects.toThrow('Access denied: the consent has been withdrawn');
      const history = await consentHistory(store, kase.id, consent.id);
      expect(history.map((h) => [h.version, h.withdrawnAt])).toEqual([
        [1, null],
        [2, '2026-03-15T11:00:00.000Z'],
      ]);
      await expect(store.query('DELETE FROM overview_consent_version')).rejects.toThrow(/append-only/);
      expect((await audit('overview.read.refused')).map((r) => r.detail.reason)).toEqual(['withdrawn']);
    });

    it('says which rule refused: expired, not yet valid, phase, no consent', async () => {
      const kase = await openCase(store, cw1, {
        citizen: pseudonymise(CITIZEN_A),
        purpose: 'rehabilitation',
        phase: 'preparation',
        title: 'Sag',
      });
      await expect(caseOverview(store, cw1, kase.id, cats, AT)).rejects.toMatchObject({
        code: 'consent.deny.no_consent',
      });
      await recordConsent(store, cw1, kase.id, { ...CONSENT, validTo: '2026-03-14' }, cats);
      await expect(caseOverview(store, cw1, kase.id, cats, AT)).rejects.toMatchObject({
        code: 'consent.deny.expired',
      });
      await recordConsent(store, cw1, kase.id, { ...CONSENT, validFrom: '2026-04-01' }, cats);
      // of two refusals the later rule wins: expired is checked after not-yet-valid
      await expect(caseOverview(store, cw1, kase.id, cats, AT)).rejects.toMatchObject({
        code: 'consent.deny.expired',
      });
      await recordConsent(store, cw1, kase.id, CONSENT, cats);
      await setPhase(store, cw1, kase.id, 'resource_course');
      await expect(caseOverview(store, cw1, kase.id, cats, AT)).rejects.toMatchObject({
        code: 'consent.deny.phase_not_covered',
      });
    });

    it('refuses a consent that names an unknown area, with the field', async () => {
      const { kase } = await openWithConsent();
      await expect(
        recordConsent(store, cw1, kase.id, { ...CONSENT, areas: ['housing'] }, cats),
      ).rejects.toMatchObject({
        status: 400,
        message: 'The field areas has an unknown value: housing',
      });
    });
  });

  describe('requests to data contacts', () => {
    it('a department without a data contact says so', async () => {
      const { kase } = await openWithConsent();
      const req = createRequest(
        store,
        cw1,
        kase.id,
        {
          department: 'Kultur og Fritid',
          area: 'employment',
          dataTypes: ['status'],
          message: 'Hvad findes?',
          dueDate: '2026-03-31',
        },
        AT,
      );
      await expect(req).rejects.toMatchObject({ status: 404, code: 'request.no_contact' });
      await expect(req).rejects.toThrow('The department Kultur og Fritid has no data contact');
    });

    it('a request outside the consent is refused with the rule', async () => {
      const { kase } = await openWithConsent();
      await expect(
        createRequest(
          store,
          cw1,
          kase.id,
          {
            contactId: 'dc-region',
            area: 'health_regional',
            dataTypes: ['journal_note'],
            message: 'Epikrise',
            dueDate: '2026-03-31',
          },
          AT,
        ),
      ).rejects.toMatchObject({ status: 403, code: 'consent.deny.area_not_covered' });
    });

    it('the data contact sees the request in the queue, answers once; a second answer is refused', async () => {
      const { kase, consent } = await openWithConsent();
      const req = await createRequest(
        store,
        cw1,
        kase.id,
        {
          department: 'Socialforvaltningen',
          area: 'social_psychiatry',
          dataTypes: ['status'],
          message: 'Statusnotat om bostøtten',
          dueDate: '2026-03-18',
        },
        AT,
      );
      expect(req).toMatchObject({
        contactId: 'dc-social',
        status: 'open',
        consentId: consent.id,
        consentVersion: 1,
      });
      expect((await contactQueue(store, cw2)).length).toBe(0);
      const queue = await contactQueue(store, dc1);
      expect(queue.map((q) => [q.id, q.caseTitle, q.status])).toEqual([
        [req.id, 'Rehabiliteringssag', 'open'],
      ]);
      // another data contact's id or a made-up one finds nothing
      await expect(answerRequest(store, cw2, req.id, { kind: 'summary', text: 'x' })).rejects.toMatchObject({
        status: 404,
      });
      const answered = await answerRequest(store, dc1, req.id, {
        kind: 'summary',
        text: 'Borgeren møder stabilt.',
      });
      expect(answered).toMatchObject({
        status: 'answered',
        answerKind: 'summary',
        answerText: 'Borgeren møder stabilt.',
      });
      await expect(
        answerRequest(store, dc1, req.id, { kind: 'decline', reason: 'nej' }),
      ).rejects.toMatchObject({
        status: 409,
      });
      expect((await audit('overview.request.answer')).map((a) => a.detail)).toEqual([
        { case: kase.id, request: req.id, kind: 'summary' },
      ]);
    });

    it('reminds once about an open request past its due date', async () => {
      const { kase } = await openWithConsent();
      const req = await createRequest(
        store,
        cw1,
        kase.id,
        {
          contactId: 'dc-social',
          area: 'social_psychiatry',
          dataTypes: ['status'],
          message: 'Status',
          dueDate: '2026-03-18',
        },
        AT,
      );
      expect(await dueReminders(store, '2026-03-18')).toEqual([]);
      expect((await dueReminders(store, '2026-03-19')).map((r) => r.id)).toEqual([req.id]);
      expect(await dueReminders(store, '2026-03-20')).toEqual([]);
    });
  });

  describe('the shared plan', () => {
    it("two people editing the same section: the second save is refused with the first one's version; history kept", async () => {
      const { kase } = await openWithConsent();
      await assignCase(store, cw1, kase.id, 'cw2');
      const text = {
        goals: 'Afklaring',
        activities: 'Praktik',
        responsible: 'Jobcenter',
        deadline: '2026-06-01',
      };
      await savePlanSection(store, cw1, kase.id, 'jobcenter', 0, text);
      const both = await readPlan(store, cw1, kase.id);
      expect(both.map((s) => s.version)).toEqual([1]);
      await savePlanSection(store, cw2, kase.id, 'jobcenter', 1, {
        ...text,
        activities: 'Praktik og mentor',
      });
      const clash = savePlanSection(store, cw1, kase.id, 'jobcenter', 1, {
        ...text,
        goals: 'Afklaring af arbejdsevne',
      });
      await expect(clash).rejects.toBeInstanceOf(PlanConflict);
      await expect(clash).rejects.toMatchObject({
        current: { version: 2, author: 'cw2', activities: 'Praktik og mentor' },
      });
      const history = await sectionHistory(store, cw1, kase.id, 'jobcenter');
      expect(history.map((h) => [h.version, h.author])).toEqual([
        [1, 'cw1'],
        [2, 'cw2'],
      ]);
    });

    it('two saves racing from the same version: exactly one wins', async () => {
      const { kase } = await openWithConsent();
      const text = { goals: 'g', activities: 'a', responsible: 'r', deadline: null };
      const results = await Promise.allSettled([
        savePlanSection(store, cw1, kase.id, 'social', 0, text),
        savePlanSection(store, cw1, kase.id, 'social', 0, { ...text, goals: 'other' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    });
  });

  describe('the case pack and the handover', () => {
    it('the case pack has the CV, the oldest-first timeline and the answered assessments', async () => {
      const { kase } = await openWithConsent();
      const req = await createRequest(
        store,
        cw1,
        kase.id,
        {
          contactId: 'dc-social',
          area: 'social_psychiatry',
          dataTypes: ['status'],
          message: 'Status',
          dueDate: '2026-03-18',
        },
        AT,
      );
      await answerRequest(store, dc1, req.id, { kind: 'summary', text: 'Vurdering fra bostøtten' });
      await savePlanSection(store, cw1, kase.id, 'summary', 0, {
        goals: 'Sagsresumé',
        activities: '',
        responsible: 'cw1',
        deadline: null,
      });
      const pack = await casePack(store, cw1, kase.id, cats, AT);
      expect(pack.timeline.map((e) => e.itemRef)).toEqual(['U-1', 'N-7', 'F-1', 'F-2']);
      expect(pack.education.map((e) => e.itemRef)).toEqual(['U-1']);
      expect(pack.work.map((e) => e.itemRef)).toEqual(['F-1', 'F-2']);
      expect(pack.assessments.map((a) => a.answerText)).toEqual(['Vurdering fra bostøtten']);
      expect(pack.summary?.goals).toBe('Sagsresumé');
    });

    it('moves a case to another municipality: consents, entries with contacts, plan; audited at both ends', async () => {
      const { kase } = await openWithConsent();
      await savePlanSection(store, cw1, kase.id, 'jobcenter', 0, {
        goals: 'g',
        activities: 'a',
        responsible: 'r',
        deadline: null,
      });
      const bundle = await exportHandover(store, cw1, kase.id, cats, AT);
      expect(bundle.entries.map((e) => e.itemRef)).toEqual(['F-2', 'F-1', 'N-7', 'U-1']);
      expect(bundle.contacts.map((c) => c.id)).toEqual(['dc-social']);
      expect(JSON.stringify(bundle)).not.toContain(pseudonymise(CITIZEN_A));
      const newPseudonym = 'p_odense_key_pseudonym';
      const newCase = await importHandover(store, cwOdense, JSON.parse(JSON.stringify(bundle)), newPseudonym);
      const view = await caseOverview(store, cwOdense, newCase, cats, AT);
      expect(view.entries.map((e) => [e.itemRef, e.sourceSystem])).toEqual([
        ['F-2', 'aarhus:mixed-extract'],
        ['F-1', 'aarhus:mixed-extract'],
        ['N-7', 'aarhus:mixed-extract'],
        ['U-1', 'aarhus:mixed-extract'],
      ]);
      expect(view.contacts.map((c) => c.name)).toEqual(['Signe Social']);
      expect((await readPlan(store, cwOdense, newCase)).map((s) => [s.section, s.author])).toEqual([
        ['jobcenter', 'aarhus:cw1'],
      ]);
      expect((await audit('overview.handover.export')).map((a) => a.subject)).toEqual([
        pseudonymise(CITIZEN_A),
      ]);
      expect((await audit('overview.handover.import')).map((a) => [a.actor, a.subject])).toEqual([
        ['cw-odense', newPseudonym],
      ]);
      // the old municipality's caseworker cannot reach the new case
      await expect(caseOverview(store, cw1, newCase, cats, AT)).rejects.toMatchObject({ status: 404 });
    });

    it('refuses a bundle with a wrong field, naming it', async () => {
      await expect(importHandover(store, cwOdense, { format: 'something else' }, 'p')).rejects.toMatchObject({
        status: 400,
        message: 'The handover bundle is invalid: field format',
      });
    });
  });
});
