/**
 * Inspection of an .xlsx (a zip) before any XML parser sees it: entry sizes and compression ratios from
 * the central directory, then every XML entry inflated once with a hard byte limit (headers can lie)
 * and scanned for DOCTYPE/ENTITY declarations (entity-expansion attacks). Nothing is kept in memory.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** largest uncompressed size of one entry */
  maxEntryBytes: number;
  /** largest uncompressed size of all entries together */
  maxTotalBytes: number;
  /** largest uncompressed/compressed ratio for entries above 1 MiB */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 2 * 1024 ** 3,
  maxTotalBytes: 3 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 10_000,
};

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

/** Check declared sizes, then inflate each XML entry with a byte limit and scan it for DOCTYPE/ENTITY. */
export async function inspectXlsx(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  const entries = await readCentralDirectory(file);
  if (entries.length > limits.maxEntries)
    throw new ZipRefused({ kind: 'too_many_entries', entries: entries.length });
  let total = 0;
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    total += e.uncompressedSize;
    if (
      e.uncompressedSize > limits.maxEntryBytes ||
      total > limits.maxTotalBytes ||
      (e.uncompressedSize > 1024 ** 2 && ratio > limits.maxRatio)
    )
      throw new ZipRefused({ kind: 'bomb', entry: e.name, size: e.uncompressedSize, ratio });
  }
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    await scanEntry(file, e, limits);
  }
  return entries;
}

async function scanEntry(file: string, e: ZipEntry, limits: ZipLimits): Promise<void> {
  const fh = await open(file, 'r');
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
  // Declared size + slack: an entry that inflates beyond what its header says is a bomb.
  const limit = Math.min(limits.maxEntryBytes, e.uncompressedSize + 1024);
  const raw = createReadStream(file, { start: dataStart, end: dataStart + e.compressedSize - 1 });
  const stream = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  let seen = 0;
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > limit)
        throw new ZipRefused({ kind: 'bomb', entry: e.name, size: seen, ratio: seen / e.compressedSize });
      const text = carry + chunk.toString('latin1');
      if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ZipRefused({ kind: 'xml_doctype', entry: e.name });
      carry = text.slice(-16);
    }
  } catch (err) {
    raw.destroy();
    if (err instanceof ZipRefused) throw err;
    throw new ZipRefused({ kind: 'truncated' });
  }
}
