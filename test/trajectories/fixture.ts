import { createOutput, type Output } from '../../src/cli/output.js';
import { parseConfig, type Workspace } from '../../src/config/workspace.js';
import type { Engine } from '../../src/engine/engine.js';
import type { Lang } from '../../src/i18n.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { personKey } from '../helpers/person-key.js';

/** A workspace object around a config text (no folder on disk is needed by trajectories); periods are two years. */
export function workspace(trajectories: string, years: [number, number] = [2024, 2025]): Workspace {
  const config = parseConfig(`
country: DK
currency: DKK
municipalities: ['851', '849']
periods:
${years.map((y) => `  - { id: '${y}', from: '${y}-01-01', to: '${y}-12-31' }`).join('\n')}
pseudonymisation: { key_env: TVAERBLIK_TEST_KEY }
catalogue: dk
trajectories:
${trajectories
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`);
  return { dir: '/tmp', configPath: '/tmp/tvaerblik.yaml', config, resolve: (p) => p };
}

/** A silent output that records warnings. */
export function quietOutput(lang: Lang = 'en'): Output & { warnings: string[] } {
  const warnings: string[] = [];
  const out = createOutput({
    json: true,
    lang,
    stdout: () => {},
    stderr: (s) => warnings.push(s),
    isTTY: false,
  });
  return Object.assign(out, { warnings });
}

export interface ContactSpec {
  id: string;
  person: string;
  admit: string;
  discharge: string | null;
  acute?: boolean;
  psychiatric?: boolean;
  hospital?: string;
  diagnosis?: string | null;
  status?: string | null;
  tariff?: bigint | null;
  kmf?: bigint | null;
  municipality?: string | null;
}

export class Warehouse {
  private row = 0;
  private constructor(readonly engine: Engine) {}
  static async open(): Promise<Warehouse> {
    return new Warehouse(await openMemoryWarehouse());
  }
  async person(key: string, birthYear: number, birthMonth: number, sex = 'F', death: string | null = null) {
    await this.engine.exec(`INSERT INTO person VALUES ($k, $n, $y, $m, $s, 'DK', 'cpr', CAST($d AS DATE))`, {
      k: personKey(key),
      n: key,
      y: birthYear,
      m: birthMonth,
      s: sex,
      d: death,
    });
  }
  async contact(c: ContactSpec) {
    await this.engine.exec(
      `INSERT INTO hospital_contact VALUES (1, $row, $id, $p, 'Region Nordjylland', $m, $h, NULL, $a, $psy,
        CAST($ad AS TIMESTAMP), CAST($dc AS TIMESTAMP), $dx, $st, NULL, $t, $kmf)`,
      {
        row: ++this.row,
        id: c.id,
        p: personKey(c.person),
        m: c.municipality === undefined ? '851' : c.municipality,
        h: c.hospital ?? 'AAUH',
        a: c.acute ?? true,
        psy: c.psychiatric ?? false,
        ad: c.admit,
        dc: c.discharge,
        dx: c.diagnosis === undefined ? 'DJ441' : c.diagnosis,
        st: c.status === undefined ? 'home' : c.status,
        t: c.tariff === undefined ? 1_000_000n : c.tariff,
        kmf: c.kmf ?? null,
      },
    );
  }
  async gp(
    person: string,
    date: string,
    type: 'gp' | 'specialist',
    fee: bigint | null,
    kmf: bigint | null = null,
  ) {
    await this.engine.exec(
      `INSERT INTO gp_contact VALUES (2, $row, $p, '851', CAST($d AS DATE), $t, '0101', $f, $k)`,
      { row: ++this.row, p: personKey(person), d: date, t: type, f: fee, k: kmf },
    );
  }
  async service(person: string, code: string, start: string, end: string | null, unit = 'hour_granted') {
    await this.engine.exec(
      `INSERT INTO service (import_id, row_no, person_key, source_id, period, municipality, department, sector,
         catalogue_code, start_date, end_date, volume, unit)
       VALUES (3, $row, $p, 'care', NULL, '851', 'Ældre', 'municipal', $c, CAST($s AS DATE), CAST($e AS DATE), 1, $u)`,
      { row: ++this.row, p: personKey(person), c: code, s: start, e: end, u: unit },
    );
  }
  async population(municipality: string, year: number, age: number, sex: string, count: number) {
    await this.engine.exec(`INSERT INTO population VALUES (4, $m, $y, $a, $s, $c)`, {
      m: municipality,
      y: year,
      a: age,
      s: sex,
      c: count,
    });
  }
}
