/**
 * Reading an .xlsx (a zip) safely. Only the central directory says which entries exist; an entry is
 * opened through its central-directory record alone (a local header missing from the directory is
 * never read), and every entry that is opened is inflated with limits on the bytes it actually yields
 * (the sizes the headers declare can lie): per entry, for the whole file, and on the ratio of inflated
 * to compressed bytes. Declared sizes are checked first, so an honest bomb is refused before inflating.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** largest uncompressed size of one entry (declared, and actually inflated) */
  maxEntryBytes: number;
  /** largest uncompressed size of all entries together (declared, and actually inflated) */
  maxTotalBytes: number;
  /** largest uncompressed/compressed ratio, applied once an entry has yielded more than 1 MiB */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 2 * 1024 ** 3,
  maxTotalBytes: 3 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 10_000,
};

/** Below this many inflated bytes an entry's ratio is not judged (small XML parts compress well). */
const RATIO_FLOOR = 1024 ** 2;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipProblem =
  | { kind: 'not_zip' }
  | { kind: 'truncated' }
  | { kind: 'too_many_entries'; entries: number }
  | { kind: 'bomb'; entry: string; size: number; ratio: number }
  | { kind: 'over_declared'; entry: string; declared: number }
  | { kind: 'xml_doctype'; entry: string };

export class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip refused: ${problem.kind}`);
  }
}

/** Read the central directory; throws ZipRefused when the file is not a (complete) zip. */
export async function readCentralDirectory(file: string): Promise<ZipEntry[]> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size < 22) throw new ZipRefused({ kind: size === 0 ? 'not_zip' : 'truncated' });
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      const head = Buffer.alloc(4);
      await fh.read(head, 0, 4, 0);
      throw new ZipRefused({ kind: head.readUInt32LE(0) === 0x04034b50 ? 'truncated' : 'not_zip' });
    }
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) throw new ZipRefused({ kind: 'truncated' });
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      entries.push({
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (entries.length !== count && count !== 0xffff) throw new ZipRefused({ kind: 'truncated' });
    return entries;
  } finally {
    await fh.close();
  }
}

/** Check the entry count and the declared sizes (cheap: nothing is inflated). */
export function checkDeclared(entries: ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (entries.length > limits.maxEntries)
    throw new ZipRefused({ kind: 'too_many_entries', entries: entries.length });
  let total = 0;
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    total += e.uncompressedSize;
    if (
      e.uncompressedSize > limits.maxEntryBytes ||
      total > limits.maxTotalBytes ||
      (e.uncompressedSize > RATIO_FLOOR && ratio > limits.maxRatio)
    )
      throw new ZipRefused({ kind: 'bomb', entry: e.name, size: e.uncompressedSize, ratio });
  }
}

/**
 * One zip file opened for reading entries. `inflated` counts the bytes every opened entry has yielded,
 * so the total limit holds across entries, whatever their names.
 */
export class ZipReader {
  inflated = 0;
  private constructor(
    readonly file: string,
    readonly entries: ZipEntry[],
    readonly limits: ZipLimits,
  ) {}

  static async open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipReader> {
    const entries = await readCentralDirectory(file);
    checkDeclared(entries, limits);
    return new ZipReader(file, entries, limits);
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /**
   * The entry's bytes, inflated chunk by chunk under the limits (ZipRefused 'bomb' when one is passed).
   * XML entries are also refused at the first DOCTYPE/ENTITY declaration (entity-expansion attacks).
   */
  async *read(e: ZipEntry): AsyncGenerator<Buffer> {
    const fh = await open(this.file, 'r');
    let dataStart: number;
    try {
      const lh = Buffer.alloc(30);
      const { bytesRead } = await fh.read(lh, 0, 30, e.localHeaderOffset);
      if (bytesRead < 30 || lh.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused({ kind: 'truncated' });
      dataStart = e.localHeaderOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
      const { size } = await fh.stat();
      if (dataStart + e.compressedSize > size) throw new ZipRefused({ kind: 'truncated' });
    } finally {
      await fh.close();
    }
    if (e.compressedSize === 0) return;
    if (e.method !== 0 && e.method !== 8) throw new ZipRefused({ kind: 'not_zip' });
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.limits;
    // An entry that inflates beyond what its header says (plus slack) is a bomb, as is one past the limits.
    const limit = Math.min(maxEntryBytes, e.uncompressedSize + 1024);
    const raw = createReadStream(this.file, { start: dataStart, end: dataStart + e.compressedSize - 1 });
    let compressed = 0;
    raw.on('data', (c) => (compressed += c.length));
    const stream = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    const xml = /\.(xml|rels|vml)$/i.test(e.name) || e.name.endsWith('.xml.bak');
    let seen = 0;
    let carry = '';
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        seen += chunk.length;
        this.inflated += chunk.length;
        const ratio = seen / Math.max(1, compressed);
        if (seen > limit && limit < maxEntryBytes)
          throw new ZipRefused({ kind: 'over_declared', entry: e.name, declared: e.uncompressedSize });
        if (seen > limit || this.inflated > maxTotalBytes || (seen > RATIO_FLOOR && ratio > maxRatio))
          throw new ZipRefused({ kind: 'bomb', entry: e.name, size: seen, ratio });
        if (xml) {
          const text = carry + chunk.toString('latin1');
          if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ZipRefused({ kind: 'xml_doctype', entry: e.name });
          carry = chunk.toString('latin1', Math.max(0, chunk.length - 16));
        }
        yield chunk;
      }
    } catch (err) {
      if (err instanceof ZipRefused) throw err;
      throw new ZipRefused({ kind: 'truncated' });
    } finally {
      raw.destroy();
      if (stream !== raw) (stream as NodeJS.ReadWriteStream & { destroy(): void }).destroy();
    }
  }
}
