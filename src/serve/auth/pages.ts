/**
 * The sign-in page: server-rendered HTML (no script), in Danish, Swedish or English from
 * locales/auth/*.json. Labelled fields with autocomplete hints, one message region announced to
 * screen readers, a visible focus ring, colours that meet WCAG 2.1 AA on white, and the CSRF token
 * as a hidden field of each form that posts.
 */
import { t } from '../../core/messages.js';
import { LANGS, type Lang } from '../../i18n.js';

/** HTML-escape text for an element or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** What one rendering of the sign-in page shows. */
export interface SignInPage {
  lang: Lang;
  /** the CSRF token for the forms (field name `csrfField`) */
  csrfToken: string;
  csrfField: string;
  /** the local path to go to after sign-in (already checked by `safeNext`) */
  next: string;
  /** show the username/password form (local accounts) */
  local: boolean;
  /** the OpenID Connect provider's display name, when OIDC sign-in is configured */
  oidcProvider?: string;
  /** the username typed before a refusal (never the password) */
  username?: string;
  /** a message to show: a refusal (`error`) or information (`info`), already in `lang` */
  message?: { kind: 'error' | 'info'; text: string };
}

const STYLE = `
:root{--ink:#1f2933;--muted:#4e5b66;--line:#8a96a3;--bg:#f5f7f9;--accent:#0b5cad;--accent-dark:#0b3d75;--error:#a1261b;--focus:#ffbf47;
font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
*{box-sizing:border-box}body{margin:0}
main{max-width:26rem;margin:3rem auto;padding:1.5rem 1.75rem;background:#fff;border:1px solid #d5dbe1;border-radius:6px}
h1{font-size:1.5rem;margin:0 0 .5rem}p.intro{color:var(--muted);margin:0 0 1.25rem}
label{display:block;font-weight:600;margin:.9rem 0 .25rem}
input[type=text],input[type=password]{width:100%;padding:.55rem .6rem;font:inherit;border:1px solid var(--line);border-radius:4px}
button,a.button{display:inline-block;margin-top:1.25rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:4px;cursor:pointer;text-decoration:none}
button:hover,a.button:hover{background:var(--accent-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--accent-dark)}
.message{margin:0 0 1rem;padding:.6rem .75rem;border-left:4px solid var(--accent);background:#eef4fb}
.message.error{border-color:var(--error);background:#fbeeed;color:var(--error)}
.or{margin:1.25rem 0 0;color:var(--muted)}
nav.lang{margin-top:1.5rem;font-size:.95rem}nav.lang a{margin-right:.75rem;color:var(--accent)}
nav.lang a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}`;

const LANG_NAMES: Record<Lang, string> = { da: 'Dansk', sv: 'Svenska', en: 'English' };

/** The sign-in page's HTML. */
export function signInPageHtml(page: SignInPage): string {
  const { lang } = page;
  const e = escapeHtml;
  const csrf = `<input type="hidden" name="${e(page.csrfField)}" value="${e(page.csrfToken)}">`;
  const next = `<input type="hidden" name="next" value="${e(page.next)}">`;
  const message = page.message
    ? `<p class="message ${page.message.kind}" id="signin-message" role="${page.message.kind === 'error' ? 'alert' : 'status'}">${e(page.message.text)}</p>`
    : '';
  const describedBy = page.message?.kind === 'error' ? ' aria-describedby="signin-message"' : '';
  const local = page.local
    ? `<form method="post" action="/signin" novalidate>
${csrf}${next}<input type="hidden" name="lang" value="${lang}">
<label for="username">${e(t(lang, 'auth.field.username'))}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="200" value="${e(page.username ?? '')}"${describedBy}${page.username ? '' : ' autofocus'}>
<label for="password">${e(t(lang, 'auth.field.password'))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="4096"${describedBy}${page.username ? ' autofocus' : ''}>
<button type="submit">${e(t(lang, 'auth.submit'))}</button>
</form>`
    : '';
  const oidc = page.oidcProvider
    ? `${page.local ? `<p class="or">${e(t(lang, 'auth.or'))}</p>` : ''}
<form method="get" action="/signin/oidc">${next}<input type="hidden" name="lang" value="${lang}">
<button type="submit">${e(t(lang, 'auth.oidc.button', { provider: page.oidcProvider }))}</button>
</form>`
    : '';
  const langs = LANGS.map((l) => {
    const href = `/signin?lang=${l}&amp;next=${encodeURIComponent(page.next)}`;
    return `<a href="${href}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ''}>${LANG_NAMES[l]}</a>`;
  }).join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(t(lang, 'auth.page.title'))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${e(t(lang, 'auth.page.heading'))}</h1>
<p class="intro">${e(t(lang, 'auth.page.intro'))}</p>
${message}${local}${oidc}
<nav class="lang" aria-label="${e(t(lang, 'auth.language'))}">${langs}</nav>
</main>
</body>
</html>
`;
}

/**
 * The page to return to after sign-in: a local path only (an absolute or protocol-relative URL
 * would make the sign-in page an open redirect); anything else is the start page.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // control characters and backslashes are read as path separators by some browsers
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c === '\\')) return '/';
  if (value === '/signin' || value.startsWith('/signin?') || value.startsWith('/signin/')) return '/';
  return value;
}

/**
 * The reader's language: `?lang=` when it is one of da, sv, en; else the first of the browser's
 * Accept-Language that is; else Danish.
 */
export function requestLang(query: unknown, acceptLanguage: string | undefined): Lang {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (typeof q === 'string' && (LANGS as readonly string[]).includes(q)) return q as Lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    const base = tag.split('-')[0]!;
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'da';
}
