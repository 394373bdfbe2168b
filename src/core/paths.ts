/**
 * References in a config to a shipped file or to the user's own: a catalogue ("dk", "se" or a path) and a
 * KMF rate table ("kmf-dk" or a path). An id stays an id; a path is read relative to the workspace folder.
 */

/** A shipped id: lower-case letters, digits, "-" and "_" (anything else is a path). */
export function isShippedId(ref: string): boolean {
  return /^[a-z0-9_-]+$/.test(ref);
}

/** A shipped id as it is; a path resolved with the workspace's `resolve` (relative to its folder). */
export function resolveRef(ref: string, resolve: (p: string) => string): string {
  return isShippedId(ref) ? ref : resolve(ref);
}

/** The part of a workspace a catalogue reference needs (structural, so core needs no config import). */
export interface CatalogueHolder {
  config: { catalogue: string };
  resolve(p: string): string;
}

/** The workspace's catalogue: a shipped id, or its path resolved against the workspace folder. */
export function workspaceCatalogue(ws: CatalogueHolder): string {
  return resolveRef(ws.config.catalogue, (p) => ws.resolve(p));
}
