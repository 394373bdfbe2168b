import { afterEach, describe, expect, it } from 'vitest';
import { BarState } from '../../src/cli/progress.js';
import type { Output, Progress, StatementProgress } from '../../src/core/effects.js';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { sourceBar, sourceWork } from '../../src/ingest/progress.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

interface Recorded {
  label: string;
  total: number;
  /** [units, text] of each step, and the units of each tick, in order */
  steps: [number, string][];
  ticks: number[];
  live?: () => StatementProgress | undefined;
  state: BarState;
}

/** An Output whose bars record what the stage tells them and keep the state a terminal would draw. */
function recording(): Output & { bars: Recorded[] } {
  const bars: Recorded[] = [];
  const o = testOutput('en');
  o.progress = (label, total, live): Progress => {
    const r: Recorded = { label, total, steps: [], ticks: [], live, state: new BarState(total, 0) };
    bars.push(r);
    return {
      tick: (n = 1) => (r.ticks.push(n), r.state.tick(n)),
      update: (d) => r.state.update(d),
      step: (n, text = '') => (r.steps.push([n, text]), r.state.step(n, text)),
      stop: () => {},
    };
  };
  return Object.assign(o, { bars });
}

describe("a source's bar is weighted by its work", () => {
  it('staging files of 100, 300 and 600 bytes moves it to 10 %, 40 % and 100 % of the staging share', () => {
    const out = recording();
    const work = sourceWork([100, 300, 600]);
    // each file: read 0.6 of its bytes, then pseudonymise and write the rest; staging 1,000 bytes;
    // checks 0.15 × 1,000 = 150 (counts round(0.75 × 150) = 113, unmapped 37); load 0.4 × 1,000 = 400
    expect(work).toEqual({
      files: [
        [60, 40],
        [180, 120],
        [360, 240],
      ],
      checks: [113, 37],
      load: 400,
      total: 1550,
    });
    const bar = sourceBar(out, 'hjemmepleje', work);
    const s = out.bars[0]!.state;
    const staging = () => s.value() / 1000;
    // file 1 read (60 of 1,000), then written (100 of 1,000)
    bar.tick();
    expect(staging()).toBe(0.06);
    bar.tick();
    expect(staging()).toBe(0.1);
    // while file 2 is read, its statement at 50 % fills half its read step of 180: 100 + 90 = 190
    s.read({ fraction: 0.5, rows: 5, totalRows: 10 }, 0);
    expect(s.value()).toBe(190);
    bar.tick();
    bar.tick();
    expect(staging()).toBe(0.4);
    bar.tick();
    bar.tick();
    expect(staging()).toBe(1);
    // the checks' two steps, then the load: 1,000 + 113 + 37 = 1,150, then 1,550 of 1,550
    bar.tick();
    bar.tick();
    expect(s.value()).toBe(1150);
    bar.tick();
    expect(s.value() / s.total).toBe(1);
    expect(out.bars[0]!.steps.map(([, text]) => text)).toEqual([
      'file 1 of 3',
      'file 1 of 3',
      'file 2 of 3',
      'file 2 of 3',
      'file 3 of 3',
      'file 3 of 3',
      'checks',
      'checks',
      'loading',
    ]);
  });

  it('an import ticks each file by its bytes, then the checks and the load, and passes a reading of both engines', async () => {
    const rnd = seededRandom(7);
    const ids = Array.from({ length: 6 }, (_, i) =>
      syntheticCpr(new Date(Date.UTC(1950 + i, i, 10)), i % 2 ? 'M' : 'F', rnd),
    );
    // header 'CPR;Fra;Til;Timer;Kode;Beløb' = 28 characters, ø 2 bytes, + newline = 30 bytes; a row is
    // 11 (CPR with dash) + 11 + 11 + 4 (';2,5') + 10 (';SEL-83-PP') + 7 (';100,00') + newline = 55 bytes
    const rows = (n: number) =>
      [
        SERVICE_HEADER,
        ...ids.slice(0, n).map((id, i) => `${id};01-02-2024;28-02-2024;${i + 1},5;SEL-83-PP;100,00`),
      ]
        .join('\n')
        .concat('\n');
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      files: { 'extracts/hp-1.csv': rows(1), 'extracts/hp-2.csv': rows(3), 'extracts/hp-3.csv': rows(6) },
    });
    engine = await openMemoryWarehouse();
    const out = recording();
    await importSources(ws, engine, out);
    const bar = out.bars[0]!;
    // files 30 + 55 = 85, 30 + 3 × 55 = 195, 30 + 6 × 55 = 360 bytes: 640 staged, each file read (0.6 of its
    // bytes: 51, 117, 216) then written (34, 78, 144); checks round(0.15 × 640) = 96 (72 + 24); load
    // round(0.4 × 640) = 256; total 640 + 96 + 256 = 992
    expect(bar.ticks).toEqual([51, 34, 117, 78, 216, 144, 72, 24, 256]);
    expect(bar.total).toBe(992);
    expect(bar.state.value()).toBe(992);
    // between statements neither engine reports one running
    expect(bar.live?.()).toBeUndefined();
  });
});
