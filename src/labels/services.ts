import { existsSync } from 'node:fs';
import { cataloguePath, loadCatalogue } from '../catalogue/catalogue.js';
import type { Text } from '../i18n.js';

/**
 * Catalogue code → the service's name in da/sv/en (the newest version's name), for the report and the
 * dashboard. `ref` is a built-in catalogue id ("dk", "se") or a path already resolved in the workspace.
 */
export function serviceNames(ref: string): Record<string, Text> {
  if (!existsSync(cataloguePath(ref))) return {};
  const names: Record<string, Text> = {};
  const services = [...loadCatalogue(ref).services].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  for (const s of services) names[s.code] = s.name;
  return names;
}
