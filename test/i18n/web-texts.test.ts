import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_TEXTS_FILE, webTextsModule } from '../../tools/web-texts.js';

describe('the dashboard texts come from the catalogues (locales/web/)', () => {
  it('web/src/messages.ts is what tools/web-texts.ts writes from locales/web/*.json', async () => {
    const expected = await webTextsModule(path.resolve('.'));
    // run `npx tsx tools/web-texts.ts` after editing locales/web/*.json
    expect(readFileSync(WEB_TEXTS_FILE, 'utf8')).toBe(expected);
    expect(expected).toContain("loading: 'Henter data …'");
    expect(expected).toContain("languageName: 'Svenska'");
  });

  it('refuses a message the dashboard cannot fill (a select, a nested plural) and a key missing in one language', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tvaerblik-web-texts-'));
    const write = (file: string, c: Record<string, string>) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), JSON.stringify(c));
    };
    for (const l of ['da', 'sv', 'en']) write(`locales/${l}.json`, {});
    write('locales/web/da.json', {
      // a plain plural is fine (i18n.ts fills it); a select and a plural inside a plural are not
      'web.rows': '{n, plural, one {# række} other {# rækker}}',
      'web.kind': '{k, select, a {A} other {B}}',
      'web.ok': 'OK',
    });
    write('locales/web/sv.json', {
      'web.rows': '{n, plural, one {# rad} other {{m, plural, one {#} other {#}} rader}}',
      'web.kind': '{k}',
      'web.ok': 'OK',
    });
    write('locales/web/en.json', { 'web.rows': '{n} rows', 'web.kind': '{k}' });
    await expect(webTextsModule(root)).rejects.toThrow(
      'locales/web: web.kind (da): the dashboard fills only {name} placeholders and plurals; web.rows (sv): the dashboard fills only {name} placeholders and plurals; web.ok: missing in locales/web/en.json',
    );
  });
});
