/**
 * The message catalogues: one JSON file per language in locales/ (flat keys such as
 * `ingest.no_files.msg`), plus one per language in each area folder (locales/<area>/<lang>.json,
 * keys prefixed `<area>.`), written in ICU MessageFormat and rendered by intl-messageformat.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { UserError, type ErrorLocation } from '../errors.js';
import { renderWith, type Lang, type Text } from '../i18n.js';

export type MessageVars = Record<string, string | number | bigint>;
type Catalogue = Record<string, string>;

const LOCALE: Record<Lang, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };

/** locales/ at the package root: found upward from this file, so src/ (tsx, vitest) and dist/ both work. */
export function localesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'locales');
    if (existsSync(path.join(candidate, 'da.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('The message catalogues (locales/*.json) are missing from the installation');
    dir = parent;
  }
}

let loaded: Record<Lang, Catalogue> | undefined;

/** Every language's catalogue, read once. */
export function catalogues(): Record<Lang, Catalogue> {
  if (!loaded) {
    const dir = localesDir();
    loaded = readCatalogueDir(dir);
  }
  return loaded;
}

/** Read locales/<lang>.json and every locales/<area>/<lang>.json; an area's keys must start with `<area>.`. */
export function readCatalogueDir(dir: string): Record<Lang, Catalogue> {
  const areas = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const read = (lang: Lang): Catalogue => {
    const all = JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Catalogue;
    for (const area of areas) {
      const file = path.join(dir, area, `${lang}.json`);
      if (!existsSync(file)) continue;
      const part = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
      for (const [key, message] of Object.entries(part)) {
        // a stray key would silently shadow another area's message
        if (!key.startsWith(`${area}.`) || key in all)
          throw new Error(
            `locales/${area}/${lang}.json: key ${key} must start with "${area}." and be unique`,
          );
        all[key] = message;
      }
    }
    return all;
  };
  return { da: read('da'), sv: read('sv'), en: read('en') };
}

const formats = new Map<string, IntlMessageFormat>();

/** Render an ICU message; a missing argument is a bug, so it stays visible as {name} rather than throwing. */
export function formatMessage(source: string, lang: Lang, vars: MessageVars = {}): string {
  const id = `${lang}\u0000${source}`;
  let f = formats.get(id);
  if (!f) {
    f = new IntlMessageFormat(source, LOCALE[lang], undefined, { ignoreTag: true });
    formats.set(id, f);
  }
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) values[k] = typeof v === 'bigint' ? v.toString() : v;
  try {
    return String(f.format(values));
  } catch {
    return source.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
  }
}

/** Whether the catalogues have the key (in Danish, the default language; the test checks the others). */
export function hasMessage(key: string): boolean {
  return key in catalogues().da;
}

/** The text of `key` in `lang`, its ICU placeholders filled from `vars`. */
export function t(lang: Lang, key: string, vars: MessageVars = {}): string {
  const source = catalogues()[lang][key];
  if (source === undefined) throw new Error(`Message key "${key}" is not in locales/${lang}.json`);
  return formatMessage(source, lang, vars);
}

const LANGS: readonly Lang[] = ['da', 'sv', 'en'];
const fromCatalogue = new WeakMap<Text, string>();

/** The ICU source of `key` in every language, as a `Text` for modules that hand texts around. */
export function text(key: string): Text {
  const c = catalogues();
  const missing = LANGS.find((l) => c[l][key] === undefined);
  if (missing) throw new Error(`Message key "${key}" is not in locales/${missing}.json`);
  const result: Text = { da: c.da[key]!, sv: c.sv[key]!, en: c.en[key]! };
  fromCatalogue.set(result, key);
  // `tr` renders a catalogue text with ICU; numbers stay as written (a row number is not grouped)
  renderWith(result, (lang, vars) =>
    formatMessage(
      result[lang],
      lang,
      Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])),
    ),
  );
  return result;
}

/** `text` for each of `names` under `prefix` (`costing` and `row` read `costing.row`). */
export function texts<K extends string>(prefix: string, names: readonly K[]): Record<K, Text> {
  return Object.fromEntries(names.map((n) => [n, text(`${prefix}.${n}`)])) as Record<K, Text>;
}

/** The catalogue key a Text was read from, if it was. */
export function catalogueKey(value: Text): string | undefined {
  return fromCatalogue.get(value);
}

/**
 * A user error whose message (`key.msg`) and fix (`key.hint`, when the catalogue has it) are shown
 * in the reader's language; `message` holds the English text for logs and tests. Never pass a cell
 * value in `vars`: it could be a person id.
 */
export function userError(
  key: string,
  vars: MessageVars = {},
  location: Omit<ErrorLocation, 'hint'> = {},
  exitCode = 2,
): UserError {
  const render = (lang: Lang) => ({
    message: t(lang, `${key}.msg`, vars),
    hint: hasMessage(`${key}.hint`) ? t(lang, `${key}.hint`, vars) : undefined,
  });
  const en = render('en');
  return new UserError(en.message, { ...location, ...(en.hint ? { hint: en.hint } : {}) }, exitCode, render);
}
