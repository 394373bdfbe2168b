// The try-out demo (src/overview/demo.ts): the same synthetic citizens and entries every time, every
// area and sector of the matrix, valid made-up CPR numbers, and a load that can be repeated. The
// counts are read off the ITEMS table by hand: 9 + 4 + 4 + 3 + 3 = 23 entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePersonId } from '../../src/ids/person-id.js';
import { loadCategories } from '../../src/overview/categories.js';
import { listContacts } from '../../src/overview/contacts.js';
import { DEMO_CONTACT_FOR_USER, loadOverviewDemo, overviewDemo } from '../../src/overview/demo.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';

const cats = loadCategories();
const admin = { id: 'adm', roles: ['admin' as const], organisation: 'demo' };

describe('the overview demo data', () => {
  const demo = overviewDemo();

  it('is the same every time (fixed seed)', () => {
    expect(overviewDemo()).toEqual(demo);
  });

  it('has five citizens with valid synthetic CPR numbers of the given birth dates and sexes', () => {
    expect(demo.citizens.map((c) => c.label)).toEqual([
      'Borger A',
      'Borger B',
      'Borger C',
      'Borger D',
      'Borger E',
    ]);
    const parsed = demo.citizens.map((c) => parsePersonId(c.personId, 'DK'));
    expect(parsed.map((p) => (p.ok ? [p.birthYear, p.birthMonth, p.sex] : null))).toEqual([
      [1984, 3, 'F'],
      [1991, 7, 'M'],
      [1978, 11, 'F'],
      [2001, 1, 'M'],
      [1969, 5, 'F'],
    ]);
    expect(demo.citizens.map((c) => c.personId.slice(0, 6))).toEqual([
      '090384',
      '230791',
      '021178',
      '170101',
      '300569',
    ]);
  });

  it('spreads 23 entries over every area and every sector, all on the matrix', () => {
    const per = demo.citizens.map((c) => demo.entries.filter((e) => e.personId === c.personId).length);
    expect(per).toEqual([9, 4, 4, 3, 3]);
    expect(new Set(demo.entries.map((e) => e.area))).toEqual(new Set(cats.areas.map((a) => a.id)));
    expect(new Set(demo.entries.map((e) => e.sector))).toEqual(new Set(cats.sectors.map((s) => s.id)));
    expect(new Set(demo.entries.map((e) => e.itemRef)).size).toBe(23);
  });
});

describe('loading the demo', () => {
  let store: OpenedStore;
  beforeAll(async () => {
    store = await openStore();
  }, 180_000);
  afterAll(async () => {
    await store?.close();
  });

  it('loads 23 entries without findings, twice to the same index, and links the social contact to a user', async () => {
    const first = await loadOverviewDemo(store, admin, cats, { dataContactUserId: 'user-dc' });
    expect(first.summary).toMatchObject({ rowsIn: 23, rowsLoaded: 23, findings: [] });
    const again = await loadOverviewDemo(store, admin, cats, { dataContactUserId: 'user-dc' });
    expect(again.summary).toMatchObject({ rowsIn: 23, rowsLoaded: 23, findings: [] });
    const [n] = await store.query<{ n: number | bigint }>(
      "SELECT count(*) AS n FROM overview_index_entry WHERE organisation = 'demo'",
    );
    expect(Number(n!.n)).toBe(23);
    const citizens = await store.query<{ citizen: string }>(
      "SELECT DISTINCT citizen FROM overview_index_entry WHERE organisation = 'demo'",
    );
    expect(citizens).toHaveLength(5);
    // the store keeps pseudonyms, never the number
    for (const c of citizens)
      expect(
        overviewDemo().citizens.some((d) => c.citizen.includes(d.personId.replace('-', '').slice(0, 6))),
      ).toBe(false);
    const contacts = await listContacts(store, 'demo');
    expect(contacts).toHaveLength(5);
    expect(contacts.filter((c) => c.userId !== null).map((c) => [c.id, c.userId])).toEqual([
      [DEMO_CONTACT_FOR_USER, 'user-dc'],
    ]);
  }, 120_000);
});
