import { describe, expect, it } from 'vitest';
import { requestLang, safeNext, signInPageHtml, type SignInPage } from '../../src/serve/auth/pages.js';

const base: SignInPage = { lang: 'da', csrfToken: 'tok-123', csrfField: '_csrf', next: '/', local: true };

describe('the sign-in page', () => {
  it('has labelled username and masked password fields that password managers can fill (ASVS V6.2.6, V6.2.7, V6.2.9)', () => {
    const html = signInPageHtml(base);
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<label for="username">Brugernavn</label>');
    expect(html).toContain('<label for="password">Adgangskode</label>');
    expect(html).toMatch(/<input type="text" id="username" name="username" autocomplete="username"/);
    expect(html).toMatch(
      /<input type="password" id="password" name="password" autocomplete="current-password"/,
    );
    // long passphrases fit; nothing blocks pasting
    expect(Number(/name="password"[^>]*maxlength="(\d+)"/.exec(html)![1])).toBeGreaterThanOrEqual(64);
    expect(html).not.toMatch(/onpaste|<script/i);
  });

  it('posts the CSRF token, the return path and the language with the form', () => {
    const html = signInPageHtml({ ...base, next: '/api/tables?x=1&y=2', lang: 'sv' });
    expect(html).toContain('<form method="post" action="/signin" novalidate>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok-123">');
    expect(html).toContain('<input type="hidden" name="next" value="/api/tables?x=1&amp;y=2">');
    expect(html).toContain('<input type="hidden" name="lang" value="sv">');
    expect(html).toContain('<button type="submit">Logga in</button>');
  });

  it('escapes what it echoes: the username typed and the message', () => {
    const html = signInPageHtml({
      ...base,
      username: '"><script>alert(1)</script>',
      message: { kind: 'error', text: '<b>x</b>' },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('role="alert">&lt;b&gt;x&lt;/b&gt;</p>');
    expect(html).toContain('aria-describedby="signin-message"');
  });

  it('shows the provider button, with or without the password form, in the reader’s language', () => {
    const both = signInPageHtml({ ...base, lang: 'en', oidcProvider: 'Microsoft Entra ID' });
    expect(both).toContain('<button type="submit">Sign in with Microsoft Entra ID</button>');
    expect(both).toContain('<p class="or">or</p>');
    const only = signInPageHtml({ ...base, local: false, oidcProvider: 'KOMBIT' });
    expect(only).not.toContain('name="password"');
    expect(only).toContain('<button type="submit">Log ind med KOMBIT</button>');
    expect(only).toContain('<form method="get" action="/signin/oidc">');
  });
});

describe('safeNext: no open redirect', () => {
  it('keeps a local path and turns anything else into /', () => {
    expect(safeNext('/api/tables?x=1')).toBe('/api/tables?x=1');
    expect(safeNext('/overview/cases/7')).toBe('/overview/cases/7');
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/ok\r\nSet-Cookie: x=1',
      '/signin',
      '/signin?next=/x',
      '',
      undefined,
      ['/x'],
      `/${'a'.repeat(2000)}`,
    ])
      expect(safeNext(bad), String(bad)).toBe('/');
  });
});

describe('requestLang', () => {
  it('takes ?lang=, else the first Danish, Swedish or English of Accept-Language, else Danish', () => {
    expect(requestLang({ lang: 'sv' }, 'en-GB')).toBe('sv');
    expect(requestLang({ lang: 'de' }, 'en-GB,en;q=0.9')).toBe('en');
    expect(requestLang({}, 'de-DE, sv-SE;q=0.8, en;q=0.5')).toBe('sv');
    expect(requestLang(undefined, 'fr')).toBe('da');
    expect(requestLang(undefined, undefined)).toBe('da');
  });
});
