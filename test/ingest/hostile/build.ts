/**
 * Builders for hostile extracts, made in code (no binaries committed): zip containers whose headers can
 * lie or whose entries can be missing from the central directory, and minimal workbooks around them.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { seededRandom, syntheticCpr } from '../../../src/ids/synthetic.js';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** lie about the uncompressed size in both headers */
  declaredSize?: number;
  /** write the local header and data only: the central directory does not list it */
  hidden?: boolean;
  /** store without compression */
  stored?: boolean;
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let listed = 0;
  for (const p of parts) {
    const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data);
    const name = Buffer.from(p.name);
    const comp = p.stored ? data : deflateRawSync(data, { level: 9 });
    const method = p.stored ? 0 : 8;
    const crc = crc32(data);
    const size = p.declaredSize ?? data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, comp);
    if (!p.hidden) {
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(20, 4);
      ch.writeUInt16LE(20, 6);
      ch.writeUInt16LE(method, 10);
      ch.writeUInt32LE(crc, 16);
      ch.writeUInt32LE(comp.length, 20);
      ch.writeUInt32LE(size, 24);
      ch.writeUInt16LE(name.length, 28);
      ch.writeUInt32LE(offset, 42);
      centrals.push(ch, name);
      listed++;
    }
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Sheet XML with inline strings (numbers as numbers); row 1 is the first array entry. */
export function sheetXml(rows: (string | number)[][]): string {
  const body = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r
          .map((v, c) => {
            const ref = `${String.fromCharCode(65 + c)}${i + 1}`;
            return typeof v === 'number'
              ? `<c r="${ref}"><v>${v}</v></c>`
              : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>${body}</sheetData></worksheet>`;
}

/** The parts of a one-sheet workbook; `sheetTarget` is where workbook.xml.rels points the sheet. */
export function workbookParts(sheet: string | Buffer, sheetTarget = 'worksheets/sheet1.xml'): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets><sheet name="Ydelser" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/worksheet" Target="${sheetTarget}"/><Relationship Id="rId2" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: `xl/${sheetTarget}`, data: sheet },
  ];
}

export const HEADER = ['CPR', 'Fra', 'Til', 'Timer', 'Kode', 'Beløb'];

/** Synthetic CPR numbers (generated, never real). */
export function ids(n: number, seed = 21): string[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) =>
    syntheticCpr(new Date(Date.UTC(1940 + (i % 60), i % 12, 1 + (i % 28))), i % 2 ? 'M' : 'F', rnd),
  );
}

/** Service rows for the CSV mapping of serviceSource (dd-mm-yyyy dates, decimal comma). */
export function csvRows(idList: string[]): string[] {
  return idList.map((id, i) => `${id};01-02-2024;28-02-2024;${(i % 9) + 1};SEL-83-PP;${i + 1},00`);
}

/** The same rows as sheet cells. */
export function sheetRows(idList: string[]): (string | number)[][] {
  return idList.map((id, i) => [id, '01-02-2024', '28-02-2024', (i % 9) + 1, 'SEL-83-PP', i + 1]);
}

/** The Excel variant of serviceSource's mapping. */
export const excelSource = {
  file: 'extracts/hjemmepleje.xlsx',
  format: 'excel',
  csv: undefined,
  columns: {
    person_id: 'CPR',
    start_date: { column: 'Fra', format: 'dd-mm-yyyy' },
    end_date: { column: 'Til', format: 'dd-mm-yyyy' },
    volume: 'Timer',
    catalogue_code: 'Kode',
    amount: 'Beløb',
  },
};

/** Every text an id can be written as. */
export function idForms(idList: string[]): string[] {
  return idList.flatMap((id) => [id, id.replace('-', '')]);
}
