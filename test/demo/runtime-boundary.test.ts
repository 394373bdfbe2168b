/**
 * The demo generator and the bench harness are tools that import the product, never the other way:
 * no product module imports them at load time (the `demo` command loads the generator when it runs),
 * and no bench script runs on import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const TOOLS = ['demo/', 'bench/', 'costing/bench.ts'];
const isTool = (rel: string) => TOOLS.some((t) => rel.startsWith(t));

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The src-relative targets of a file's static imports and re-exports (not `import()`). */
function staticImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)) {
    const spec = m[1]!;
    if (!spec.startsWith('.')) continue;
    out.push(
      path
        .relative(SRC, path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join('/'),
    );
  }
  return out;
}

describe('demo and bench are not part of the runtime', () => {
  it('finds static and ignores dynamic imports (the checker itself)', () => {
    const f = path.join(SRC, 'cli/commands/x.ts');
    const text = `import { a } from '../../demo/generate.js';\nexport { b } from './y.js';\nconst m = await import('../../bench/main.js');\nimport {\n  c,\n} from '../../costing/bench.js';`;
    expect(staticImports(f, text)).toEqual(['demo/generate.js', 'cli/commands/y.js', 'costing/bench.js']);
  });

  it('no product module statically imports src/demo, src/bench or src/costing/bench.ts', () => {
    const offenders: string[] = [];
    for (const file of sources()) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (isTool(rel)) continue;
      for (const target of staticImports(file, readFileSync(file, 'utf8')))
        if (isTool(target)) offenders.push(`${rel} → ${target}`);
    }
    expect(offenders).toEqual([]);
  });

  it('bench scripts run their main only when started as a script', () => {
    const scripts = sources().filter((f) => isTool(path.relative(SRC, f).split(path.sep).join('/')));
    for (const file of scripts) {
      const text = readFileSync(file, 'utf8');
      // a top-level call of main() must sit behind the "started as a script" guard
      for (const line of text.split('\n').filter((l) => /^(await\s+|void\s+)?main\(/.test(l)))
        expect.fail(`${path.relative(SRC, file)} runs main() on import: ${line}`);
    }
  });
});
