/**
 * An aggregates bundle: the suppressed key figures and marts of one municipality's workspace, as files
 * (CSV or Parquet) with a manifest (method and catalogue versions, threshold, periods, municipality and
 * a SHA-256 checksum per file), optionally signed with Ed25519. A cluster or region workspace imports
 * several bundles instead of pooling person-level data (docs/federation.md). No person row is ever in a
 * bundle: every table is passed through the one publish path before it is written, and the reader
 * refuses a bundle whose files do not match their checksums or signature, or which holds a count below
 * its own threshold.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { userError } from '../core/messages.js';
import type { Value } from '../engine/engine.js';
import { openDuckDB } from '../engine/duckdb.js';
import { ZipReader } from '../ingest/zip.js';
import { parseCsv, toCsv } from './csv.js';
import { writeZip } from './zip.js';

export const BUNDLE_FORMAT = 'tvaerblik-aggregates';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig.json';

/** How a bundle column is read: a key (text), a count of persons, an amount in øre/öre, or another number. */
export type BundleKind = 'key' | 'persons' | 'money' | 'number';

export interface BundleColumn {
  name: string;
  kind: BundleKind;
}

/** One table of a bundle: hidden cells are null, and `suppressed` says why a row's values are hidden. */
export interface BundleTable {
  name: string;
  columns: BundleColumn[];
  rows: Record<string, Value>[];
}

export interface ManifestFile {
  path: string;
  table: string;
  format: 'csv' | 'parquet';
  rows: number;
  sha256: string;
  columns: BundleColumn[];
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  format_version: number;
  created_at: string;
  tool: { name: string; version: string };
  country: string;
  municipality: string;
  periods: string[];
  /** the smallest number of persons a published cell may stand for; smaller cells are hidden */
  threshold: number;
  catalogue: { id: string; version: string };
  method: { costing: string; suppression: string; warehouse_schema: number };
  files: ManifestFile[];
}

/** The detached Ed25519 signature of manifest.json (whose checksums cover every file). */
export interface SignatureFile {
  algorithm: 'ed25519';
  /** the signer's public key (SPKI, PEM): the importer checks it against the key it trusts */
  public_key: string;
  signature: string;
}

export interface Bundle {
  source: string;
  manifest: Manifest;
  tables: BundleTable[];
  /** the signer's key fingerprint (SHA-256 of the SPKI, hex), or null when the bundle is not signed */
  signedBy: string | null;
  /** whether the signature was checked against a key the importer trusts (not just the one it carries) */
  trusted: boolean;
}

/** The file (or zip entry) name of a table. */
export const tableFile = (table: string, format: 'csv' | 'parquet') => `tables/${table}.${format}`;

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A public key's fingerprint: SHA-256 of its SPKI DER, hex. */
export function keyFingerprint(key: KeyObject): string {
  return sha256(key.export({ type: 'spki', format: 'der' }));
}

/** Read an Ed25519 key from a PEM file (private to sign, public or private to verify). */
export function readKey(file: string, use: 'sign' | 'verify'): KeyObject {
  if (!existsSync(file)) throw userError('federation.key.missing', { file }, { file });
  const pem = readFileSync(file, 'utf8');
  try {
    const key =
      use === 'sign'
        ? createPrivateKey(pem)
        : pem.includes('PRIVATE KEY')
          ? createPublicKey(createPrivateKey(pem))
          : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw userError('federation.key.invalid', { file }, { file });
  }
}

/**
 * Write a bundle to `out`: a folder, or a zip file when `out` ends in .zip. Returns the manifest written.
 * The tables are written as they are given: the caller has already passed them through the publish path.
 */
export async function writeBundle(
  out: string,
  head: Omit<Manifest, 'files' | 'format' | 'format_version'>,
  tables: BundleTable[],
  options: { format?: 'csv' | 'parquet'; signKey?: KeyObject } = {},
): Promise<Manifest> {
  const format = options.format ?? 'csv';
  const files = new Map<string, Buffer>();
  const listed: ManifestFile[] = [];
  for (const t of tables) {
    const name = tableFile(t.name, format);
    const bytes = format === 'csv' ? Buffer.from(toCsv(t.columns, t.rows), 'utf8') : await toParquet(t);
    files.set(name, bytes);
    listed.push({
      path: name,
      table: t.name,
      format,
      rows: t.rows.length,
      sha256: sha256(bytes),
      columns: t.columns,
    });
  }
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_FORMAT_VERSION,
    ...head,
    files: listed,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  files.set(MANIFEST, manifestBytes);
  if (options.signKey) {
    const sig: SignatureFile = {
      algorithm: 'ed25519',
      public_key: createPublicKey(options.signKey).export({ type: 'spki', format: 'pem' }).toString(),
      signature: sign(null, manifestBytes, options.signKey).toString('base64'),
    };
    files.set(SIGNATURE, Buffer.from(JSON.stringify(sig, null, 2) + '\n', 'utf8'));
  }
  if (out.toLowerCase().endsWith('.zip')) {
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, writeZip([...files].map(([name, data]) => ({ name, data }))));
  } else {
    for (const [name, data] of files) {
      const file = path.join(out, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
  }
  return manifest;
}

/** A table as Parquet bytes, through an in-memory DuckDB. */
async function toParquet(t: BundleTable): Promise<Buffer> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-bundle-'));
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    const ident = (c: string) => engine.dialect.ident(c);
    // every column as text: exact (øre with decimals, shares) and read back by the same rules as CSV
    await engine.exec(`CREATE TABLE t (${t.columns.map((c) => `${ident(c.name)} VARCHAR`).join(', ')})`);
    await engine.append(
      't',
      t.columns.map((c) => c.name),
      t.rows.map((r) =>
        t.columns.map((c) => (r[c.name] === null || r[c.name] === undefined ? null : String(r[c.name]))),
      ),
    );
    const file = path.join(dir, 't.parquet');
    await engine.exportParquet('SELECT * FROM t', file);
    return readFileSync(file);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fromParquet(bytes: Buffer, columns: BundleColumn[]): Promise<Record<string, Value>[]> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-bundle-'));
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    const file = path.join(dir, 't.parquet');
    writeFileSync(file, bytes);
    await engine.loadParquet('t', file);
    const sel = columns.map(
      (c) => `${engine.dialect.ident(c.name)}::VARCHAR AS ${engine.dialect.ident(c.name)}`,
    );
    const rows = await engine.all(`SELECT ${sel.join(', ')} FROM t`);
    return rows.map((r) => typed(columns, r as Record<string, string | null>));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A row read back from text: counts and øre as bigint, every other value as the text written. */
export function typed(columns: BundleColumn[], r: Record<string, string | null>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const c of columns) {
    const v = r[c.name];
    out[c.name] =
      v === null || v === undefined || v === ''
        ? null
        : (c.kind === 'persons' || c.kind === 'money') && /^-?\d+$/.test(v)
          ? BigInt(v)
          : v;
  }
  return out;
}

/** Where a bundle's files come from: a folder or a zip file. */
async function openSource(
  source: string,
): Promise<{ has(name: string): boolean; read(name: string): Promise<Buffer> }> {
  if (!existsSync(source)) throw userError('federation.import.missing', { file: source }, { file: source });
  if (statSync(source).isDirectory()) {
    return {
      has: (name) => existsSync(path.join(source, name)),
      read: async (name) => readFileSync(path.join(source, name)),
    };
  }
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(source);
  } catch {
    throw userError('federation.import.not_bundle', { file: source }, { file: source });
  }
  return {
    has: (name) => zip.entry(name) !== undefined,
    read: async (name) => {
      const parts: Buffer[] = [];
      for await (const chunk of zip.read(zip.entry(name)!)) parts.push(chunk);
      return Buffer.concat(parts);
    },
  };
}

/**
 * Read and check a bundle: the manifest, each file against its checksum, the signature (against a
 * trusted key when `trust` names any), and every persons cell against the bundle's own threshold.
 * Any failure is a user error naming the file and the fix.
 */
export async function readBundle(source: string, trust: KeyObject[] = []): Promise<Bundle> {
  const src = await openSource(source);
  const where = (name: string) => `${source}${statSync(source).isDirectory() ? path.sep : ':'}${name}`;
  if (!src.has(MANIFEST)) throw userError('federation.import.not_bundle', { file: source }, { file: source });
  const manifestBytes = await src.read(MANIFEST);
  const manifest = parseManifest(manifestBytes, where(MANIFEST));

  let signedBy: string | null = null;
  let trusted = false;
  if (src.has(SIGNATURE)) {
    const file = where(SIGNATURE);
    let sig: SignatureFile;
    let key: KeyObject;
    try {
      sig = JSON.parse((await src.read(SIGNATURE)).toString('utf8')) as SignatureFile;
      key = createPublicKey(sig.public_key);
    } catch {
      throw userError('federation.import.bad_signature', { file }, { file });
    }
    if (!verify(null, manifestBytes, key, Buffer.from(String(sig.signature), 'base64')))
      throw userError('federation.import.bad_signature', { file }, { file });
    signedBy = keyFingerprint(key);
    if (trust.length > 0) {
      trusted = trust.some((k) => keyFingerprint(k) === signedBy);
      if (!trusted) throw userError('federation.import.untrusted', { file, fingerprint: signedBy }, { file });
    }
  } else if (trust.length > 0) {
    throw userError('federation.import.unsigned', { file: source }, { file: source });
  }

  const tables: BundleTable[] = [];
  for (const f of manifest.files) {
    const file = where(f.path);
    if (!/^tables\/[a-z0-9_]+\.(csv|parquet)$/.test(f.path) || !src.has(f.path))
      throw userError('federation.import.file_missing', { file }, { file });
    const bytes = await src.read(f.path);
    if (sha256(bytes) !== f.sha256) throw userError('federation.import.checksum', { file }, { file });
    const rows =
      f.format === 'parquet'
        ? await fromParquet(bytes, f.columns)
        : parseCsv(bytes.toString('utf8')).map((r) => typed(f.columns, r));
    const table: BundleTable = { name: f.table, columns: f.columns, rows };
    const small = smallCell(table, manifest.threshold);
    if (small)
      throw userError(
        'federation.import.small_cell',
        { file, row: small.row, column: small.column, threshold: manifest.threshold },
        { file, row: small.row },
      );
    tables.push(table);
  }
  return { source, manifest, tables, signedBy, trusted };
}

function parseManifest(bytes: Buffer, file: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw userError('federation.import.bad_manifest', { file, detail: 'JSON' }, { file });
  }
  const problem =
    m.format !== BUNDLE_FORMAT
      ? 'format'
      : m.format_version !== BUNDLE_FORMAT_VERSION
        ? 'format_version'
        : !Number.isInteger(m.threshold) || m.threshold < 3
          ? 'threshold'
          : typeof m.municipality !== 'string' || !/^\d{3,4}$/.test(m.municipality)
            ? 'municipality'
            : !Array.isArray(m.files) || !Array.isArray(m.periods)
              ? 'files'
              : (m.files.map(badFile).find((x) => x !== null) ?? null);
  if (problem) throw userError('federation.import.bad_manifest', { file, detail: problem }, { file });
  return m;
}

const NAME = /^[a-z][a-z0-9_]*$/;
const KINDS: readonly string[] = ['key', 'persons', 'money', 'number'];

/** What is wrong with a manifest's file entry (its table, format or a column), or null. */
function badFile(f: ManifestFile, i: number): string | null {
  if (typeof f?.table !== 'string' || !NAME.test(f.table)) return `files[${i}].table`;
  if (f.format !== 'csv' && f.format !== 'parquet') return `files[${i}].format`;
  if (typeof f.sha256 !== 'string') return `files[${i}].sha256`;
  if (
    !Array.isArray(f.columns) ||
    f.columns.some((c) => !NAME.test(String(c?.name)) || !KINDS.includes(c.kind))
  )
    return `files[${i}].columns`;
  return null;
}

/** Names a column counting persons: declared so, or so named (a bundle cannot hide a count by its kind). */
const COUNT_NAME =
  /^(persons|users|citizens|n|count|n_persons|admissions|readmissions|contacts|stays)$|_persons$|^persons_/;
/** A ratio named after persons (`persons_share` 0.0213, `persons_pct`) counts nobody: 0.02 is not 0.02 persons. */
const RATIO_NAME = /_(share|pct|percent|rate|ratio)$/;

export const isPersonsColumn = (c: BundleColumn) =>
  c.kind === 'persons' || (COUNT_NAME.test(c.name) && !RATIO_NAME.test(c.name));

/**
 * The first cell counting persons that is below the threshold and not hidden (1 … threshold−1), as a
 * 1-based data row (the header is row 1 of a CSV, so the CSV line is row + 1) and column; else null.
 */
export function smallCell(table: BundleTable, threshold: number): { row: number; column: string } | null {
  const counts = table.columns.filter(isPersonsColumn);
  for (let i = 0; i < table.rows.length; i++) {
    for (const c of counts) {
      const v = table.rows[i]![c.name];
      if (v === null || v === undefined) continue;
      const n = Number(v);
      if (!Number.isFinite(n) || (n > 0 && n < threshold)) return { row: i + 1, column: c.name };
    }
  }
  return null;
}
