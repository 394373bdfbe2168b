/**
 * Writes web/src/messages.ts, the dashboard's texts, from the message catalogues locales/web/{da,sv,en}.json.
 * The browser cannot read the catalogues (the dashboard is plain ES modules compiled by tsc), and it needs its
 * texts before /api/meta answers (the loading and the error state), so they are compiled in: `npm run build`
 * runs this first. test/i18n/web-texts.test.ts fails when the file is not what this writes.
 *
 * The dashboard fills messages itself (web/src/i18n.ts), so a web message may hold only text, `{name}` and
 * cardinal plurals of them (`{n, plural, =0 {…} one {# …} other {# …}}`, not nested): no select, ordinal
 * or quoted ICU syntax (this refuses them, naming the key).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import * as prettier from 'prettier';
import { readCatalogueDir } from '../src/core/messages.js';

const LANGS = ['da', 'sv', 'en'] as const;
const PREFIX = 'web.';
export const WEB_TEXTS_FILE = 'web/src/messages.ts';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** 0 = literal, 1 = a plain {name}, 7 = the count (#) in a plural; 6 = a cardinal plural of those. */
const plain = (e: Element) => e.type === 0 || e.type === 1 || e.type === 7;
const fillable = (e: Element): boolean =>
  plain(e) ||
  (e.type === 6 &&
    e.pluralType === 'cardinal' &&
    e.offset === 0 &&
    Object.values(e.options).every((o) => o.value.every(plain)));

/** The source of web/src/messages.ts for the catalogues in `localesDir`, formatted as the repository's prettier does. */
export async function webTextsModule(root: string): Promise<string> {
  const c = readCatalogueDir(path.join(root, 'locales'));
  const keys = Object.keys(c.da)
    .filter((k) => k.startsWith(PREFIX))
    .sort();
  const problems: string[] = [];
  const table = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      Object.fromEntries(
        keys.map((key) => {
          const message = c[lang][key];
          if (message === undefined) problems.push(`${key}: missing in locales/web/${lang}.json`);
          else {
            const ast = new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst();
            // the literal text must be the source (no ICU quoting)
            if (!ast.every(fillable) || /'[{}'#|]/.test(message))
              problems.push(`${key} (${lang}): the dashboard fills only {name} placeholders and plurals`);
          }
          return [key.slice(PREFIX.length), message ?? ''];
        }),
      ),
    ]),
  );
  if (problems.length) throw new Error(`locales/web: ${problems.join('; ')}`);
  const source = [
    '// Generated from locales/web/{da,sv,en}.json by tools/web-texts.ts (`npm run build`); do not edit.',
    '// To change a dashboard text, edit the catalogues and run `npx tsx tools/web-texts.ts`.',
    '',
    `export type UiKey = ${keys.map((k) => JSON.stringify(k.slice(PREFIX.length))).join(' | ')};`,
    '',
    '/** The dashboard texts per language, `{name}` placeholders and plurals filled by t() in i18n.ts. */',
    `export const MESSAGES: Record<'da' | 'sv' | 'en', Record<UiKey, string>> = ${JSON.stringify(table)};`,
    '',
  ].join('\n');
  const file = path.join(root, WEB_TEXTS_FILE);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

// `npx tsx tools/web-texts.ts` (and `npm run build`): write the module
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  writeFileSync(path.join(root, WEB_TEXTS_FILE), await webTextsModule(root));
}
