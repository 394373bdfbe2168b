import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENDOR, vendorFile } from '../../src/serve/vendor.js';

describe('vendor files for the dashboard', () => {
  it('serves the chart library from the installed package, by its exact name only', () => {
    expect(Object.keys(VENDOR)).toEqual(['echarts.js']);
    const file = vendorFile('echarts.js');
    expect(file).toBe(path.resolve('node_modules/echarts/dist/echarts.esm.min.js'));
    // an ES module the browser can import, with the server-side rendering the dashboard uses
    const source = readFileSync(file!, 'utf8');
    expect(source).toMatch(/export\s*\{/);
    expect(source).toContain('renderToSVGString');
    expect(statSync(file!).size).toBeGreaterThan(100_000);
  });

  it('answers nothing for a name not in the list', () => {
    for (const name of ['echarts', 'echarts.esm.min.js', '../echarts.js', '__proto__', 'toString', ''])
      expect(vendorFile(name), name).toBeNull();
  });
});
