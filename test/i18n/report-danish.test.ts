import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisConfig } from '../../src/analysis/config.js';
import { runAnalyses } from '../../src/analysis/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { serviceNames } from '../../src/labels/services.js';
import { renderHtml } from '../../src/report/html.js';
import { publishMarts } from '../../src/publish/index.js';
import { quietOutput, warehouse, workspace, type CostRow } from '../analysis/fixture.js';

/**
 * 200 adults: 60 in long-term housing (§ 108, ≥ 250.000 kr. each) on disability pension or social
 * assistance, 140 with some home care. The values are stored as the catalogue's canonical ids
 * (disability_pension, housing_108, SEL-108), which the Danish report must show in words.
 */
const persons = Array.from({ length: 200 }, (_, i) => ({ key: `p${i}`, born: 1960 + (i % 45) }));
const costs: CostRow[] = persons.map((p, i) =>
  i < 60
    ? {
        person: p.key,
        code: 'SEL-108',
        department: 'Ældre og Handicap',
        kr: 400_000 + i * 1_000,
        law: 'Serviceloven § 108',
      }
    : {
        person: p.key,
        code: 'SEL-83-PP',
        department: 'Ældre og Handicap',
        kr: 10_000 + i * 100,
        law: 'Serviceloven § 83',
      },
);
const attributes = persons.slice(0, 60).flatMap((p, i) => [
  { person: p.key, attribute: 'benefit_status', value: i < 40 ? 'disability_pension' : 'social_assistance' },
  { person: p.key, attribute: 'housing', value: i < 40 ? 'housing_108' : 'own_home' },
  { person: p.key, attribute: 'target_group', value: 'developmental_disability' },
]);

/** Words that gave English or Swedish away in the Danish report. */
const FOREIGN = [
  'disability pension',
  'social assistance',
  'housing 108',
  'own home',
  'ytterfall',
  'persons',
  'seed',
];

let engine: Engine;
let text: string;

beforeAll(async () => {
  const ws = workspace();
  engine = await warehouse({ persons, costs, attributes, population: [{ age: 40, count: 2000 }] });
  await runAnalyses(ws, engine, quietOutput());
  const cfg = analysisConfig(ws);
  const html = renderHtml({
    lang: 'da',
    name: 'Testkommune',
    currency: 'DKK',
    period: '2024',
    periods: ['2024'],
    municipality: '851',
    municipalities: ['851'],
    threshold: 5,
    heavyThresholdMinor: 25_000_000n,
    heavyAges: [18, 64],
    overlapFamilies: cfg.overlap_families,
    groupLabels: {},
    serviceNames: serviceNames('dk'),
    generated: '2026-01-01',
    published: await publishMarts(engine, 5),
  });
  // the visible text: no styles, no tags, entities read
  text = html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}, 120_000);
afterAll(() => engine?.close());

describe('report: the Danish report speaks Danish', () => {
  it('shows no English or Swedish words', () => {
    const found = FOREIGN.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));
    expect(found).toEqual([]);
  });

  it('names the municipality, the services and the benefit and housing values', () => {
    expect(text).toContain('Kommune Aalborg (851)');
    expect(text).toContain('Længerevarende botilbud');
    expect(text).not.toMatch(/ SEL-108 /);
    for (const word of ['Førtidspension', 'Kontanthjælp', 'Længerevarende botilbud (§ 108)', 'Eget hjem']) {
      expect(text, word).toContain(word);
    }
  });

  it('says the resource-heavy key card counts ages 18–64, and the interval sentence all ages', () => {
    expect(text).toMatch(/\d+ Ressourcetunge borgere 18–64 år \(≥ 250\.000 kr\.\)/);
    expect(text).not.toMatch(/\d+ borgere koster mindst/);
  });
});
