/**
 * The overview's common categories (fælles kategorisering): areas, data types, sectors and phases,
 * with their names in Danish, Swedish and English and the default matrix of which types an area
 * typically holds. Data, not code: `catalogues/overview/categories.yaml`, versioned; an installation
 * may point at its own file. docs/overview.md, "Categories", describes the format.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { userError } from '../core/messages.js';
import type { Lang, Text } from '../i18n.js';

const name = z.strictObject({
  da: z.string().trim().min(1),
  sv: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be lower-case letters, digits and _' });
const named = z.strictObject({ id, name });

const schema = z.strictObject({
  catalogue: z.literal('overview-categories'),
  version: z.string({ message: "must be a quoted string such as '2026.1'" }).min(1),
  published: z.preprocess(
    (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  ),
  areas: z.array(z.strictObject({ id, group: id.optional(), name, examples: name.optional() })).min(1),
  groups: z.array(named),
  data_types: z.array(named).min(1),
  sectors: z.array(named).min(1),
  phases: z.array(named).min(1),
  matrix: z.record(z.string(), z.array(z.string())),
});

/** A validated categories file. */
export interface Categories {
  version: string;
  published: string;
  areas: { id: string; group?: string; name: Text; examples?: Text }[];
  groups: { id: string; name: Text }[];
  dataTypes: { id: string; name: Text }[];
  sectors: { id: string; name: Text }[];
  phases: { id: string; name: Text }[];
  /** area id → the data types the area typically holds */
  matrix: Record<string, string[]>;
  source: string;
}

/** The categories shipped with Tværblik. */
export function defaultCategoriesPath(): string {
  return fileURLToPath(new URL('../../catalogues/overview/categories.yaml', import.meta.url));
}

let shipped: Categories | undefined;

/**
 * Read and validate a categories file (the shipped one when `file` is omitted, read once).
 * @throws UserError naming the file and the field when the file is wrong
 */
export function loadCategories(file?: string): Categories {
  if (file === undefined && shipped) return shipped;
  const path = file ?? defaultCategoriesPath();
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw userError(
      'overview.categories.unreadable',
      { file: path, detail: (err as Error).message },
      { file: path },
    );
  }
  const result = parseCategories(raw, path);
  if (file === undefined) shipped = result;
  return result;
}

/** Validate a parsed categories document: the schema, unique ids, and a matrix that names only known ids. */
export function parseCategories(raw: unknown, file: string): Categories {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(document)';
    throw userError(
      'overview.categories.invalid',
      { file, field, problem: issue.message },
      { file, key: field },
    );
  }
  const doc = parsed.data;
  const areaIds = new Set(doc.areas.map((a) => a.id));
  const typeIds = new Set(doc.data_types.map((t) => t.id));
  const groupIds = new Set(doc.groups.map((g) => g.id));
  for (const [list, label] of [
    [doc.areas, 'areas'],
    [doc.data_types, 'data_types'],
    [doc.sectors, 'sectors'],
    [doc.phases, 'phases'],
    [doc.groups, 'groups'],
  ] as const) {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item.id))
        throw userError(
          'overview.categories.duplicate',
          { file, field: label, id: item.id },
          { file, key: label },
        );
      seen.add(item.id);
    }
  }
  for (const area of doc.areas)
    if (area.group !== undefined && !groupIds.has(area.group))
      throw userError(
        'overview.categories.unknown',
        { file, field: `areas.${area.id}.group`, id: area.group },
        { file },
      );
  for (const [area, types] of Object.entries(doc.matrix)) {
    if (!areaIds.has(area))
      throw userError(
        'overview.categories.unknown',
        { file, field: 'matrix', id: area },
        { file, key: 'matrix' },
      );
    for (const type of types)
      if (!typeIds.has(type))
        throw userError('overview.categories.unknown', { file, field: `matrix.${area}`, id: type }, { file });
  }
  return {
    version: doc.version,
    published: doc.published,
    areas: doc.areas,
    groups: doc.groups,
    dataTypes: doc.data_types,
    sectors: doc.sectors,
    phases: doc.phases,
    matrix: doc.matrix,
    source: file,
  };
}

/** The name of a category id in `lang`, or the id itself when the file does not know it. */
export function categoryName(
  cats: Categories,
  kind: 'areas' | 'dataTypes' | 'sectors' | 'phases' | 'groups',
  value: string,
  lang: Lang,
): string {
  const found = (cats[kind] as { id: string; name: Text }[]).find((c) => c.id === value);
  return found ? found.name[lang] : value;
}
