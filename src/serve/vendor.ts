import { createRequire } from 'node:module';

/**
 * Third-party browser modules the dashboard loads, served at /app/vendor/<name> from the installed npm
 * package (so the version is the one in package-lock.json, and nothing is copied into the repository).
 * The key is the file name the browser asks for; the value is the module path inside node_modules.
 */
export const VENDOR: Record<string, string> = {
  // The chart library: the same ECharts the report renders its SVG charts with on the server.
  'echarts.js': 'echarts/dist/echarts.esm.min.js',
};

const require = createRequire(import.meta.url);

/** The file on disk for a served vendor name, or null when the name is not in VENDOR. */
export function vendorFile(name: string): string | null {
  const spec = Object.hasOwn(VENDOR, name) ? VENDOR[name] : undefined;
  return spec === undefined ? null : require.resolve(spec);
}
