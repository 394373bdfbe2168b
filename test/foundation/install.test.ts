import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Install portability (issue 12 part 8): `npm ci` on every platform, npm scripts that run under cmd.exe too. */

const root = new URL('../../', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, root), 'utf8');

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Where npm resolves `dep` required from the package at `from` (nearest node_modules upwards). */
function resolveIn(packages: Record<string, LockEntry>, from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

describe('install everywhere', () => {
  it('records every optional (platform) package in package-lock.json, so npm ci works on Windows and macOS', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages))
      for (const dep of Object.keys(entry.optionalDependencies ?? {}))
        if (!resolveIn(lock.packages, at, dep)) missing.push(`${at || '(root)'} → ${dep}`);
    expect(missing).toEqual([]);
    // the DuckDB binding for Windows x64 is the one most municipal analysts need
    expect(lock.packages['node_modules/@duckdb/node-bindings-win32-x64']?.os).toEqual(['win32']);
  });

  it('keeps npm scripts free of POSIX-only shell (npm runs them with cmd.exe on Windows)', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const posixOnly = [
      /(^|[\s;&|])(rm|cp|mv|mkdir|cat|ls|export|touch|chmod|ln|sed|grep|find|test)\s/,
      /\$[A-Za-z_{(]/, // $VAR, ${VAR}, $(cmd)
      /(^|\s)'[^']*'/, // cmd.exe does not treat single quotes as quotes
      /[^&|]\s*;\s*\S/, // ; is not a command separator in cmd.exe
      /`/,
      /\/dev\/null/,
      /(^|\s)\w+=\S+\s/, // VAR=value cmd
      /\s\.\//, // ./script needs a POSIX shell
    ];
    const bad = Object.entries(pkg.scripts).filter(([, s]) => {
      // text inside double quotes is an argument (e.g. node -e "…"), not shell syntax
      const shell = s.replace(/\\"/g, '').replace(/"[^"]*"/g, '""');
      return posixOnly.some((re) => re.test(shell));
    });
    expect(bad).toEqual([]);
  });

  it('stores text files with LF line endings whatever the checkout platform', () => {
    expect(read('.gitattributes')).toMatch(/^\*\s+text=auto\s+eol=lf\s*$/m);
  });

  it('installs with npm ci in CI and in the README', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).not.toMatch(/^npm install\b/m);
    expect(read('README.md')).toMatch(/npm ci/);
  });
});
