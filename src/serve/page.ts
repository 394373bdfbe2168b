/**
 * The frame of a server-rendered page (cluster, overview, sign-in): language, title, navigation,
 * a message in a live region, and one style sheet. No scripts; forms carry the CSRF token.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../core/messages.js';
import { LANGS, type Lang } from '../i18n.js';

/** The form field that carries the CSRF token (checked by the server's CSRF protection). */
export const CSRF_FIELD = '_csrf';

/** HTML-escape text for an element or a quoted attribute. */
export function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export interface Frame {
  lang: Lang;
  /** the page's own URL with its query, for the language links */
  path: string;
  title: string;
  /** the product or area name after the title in the window title */
  area: string;
  /** navigation links (already in `lang`) and the label of the navigation */
  nav: { label: string; links: { href: string; text: string }[] };
  languageLabel: string;
  message?: { kind: 'error' | 'info'; text: string; hint?: string };
  /** the signed-in reader (server mode): links only to what they may open, the other areas, sign-out */
  account?: Account;
}

/** Who reads a page in server mode, and what the policy lets them open. */
export interface Account {
  username: string;
  /** a CSRF token of the reader's session, for the sign-out form */
  csrf: string;
  /** whether the policy lets the reader open this local address (GET) */
  canOpen: (href: string) => boolean;
}

/**
 * The start page of each area, in the order a user is sent to the first one their roles open (after
 * sign-in, and from the dashboard's address when it is not theirs); the names are in locales/server.
 */
export const HOMES: readonly { href: string; key: string }[] = [
  { href: '/', key: 'server.home.dashboard' },
  { href: '/overview', key: 'server.home.overview' },
  { href: '/overview/queue', key: 'server.home.queue' },
  { href: '/cluster', key: 'server.home.cluster' },
  { href: '/audit', key: 'server.home.audit' },
  { href: '/admin', key: 'server.home.admin' },
];

/** The signed-in reader of `request` in server mode (none for the local analyst or a public page). */
export function accountOf(request: FastifyRequest, csrf: string): Account | undefined {
  const user = request.user;
  if (!user || !request.server.signInRequired) return undefined;
  return { username: user.username, csrf, canOpen: (href) => request.server.canOpen(user.roles, href) };
}

/** `{ account }` for a page's frame when someone is signed in, else nothing. */
export function withAccount(request: FastifyRequest): { account?: Account } {
  const account = accountOf(request, request.csrfToken());
  return account ? { account } : {};
}

/** The account bar: the other areas the reader may open, who is signed in, and a sign-out button. */
function accountBar(f: Frame, shown: { href: string }[]): string {
  const a = f.account;
  if (!a) return '';
  const l = f.lang;
  const here = new Set(shown.map((s) => s.href.split('?')[0]));
  const areas = HOMES.filter((h) => !here.has(h.href) && a.canOpen(h.href))
    .map((h) => `<a href="${esc(`${h.href}?lang=${l}`)}">${esc(t(l, h.key))}</a>`)
    .join(' · ');
  return `${areas ? `<nav aria-label="${esc(t(l, 'server.account.areas'))}">${areas}</nav>` : ''}
<form class="signout" method="post" action="/signout">${csrfInput(a.csrf)}<input type="hidden" name="lang" value="${l}"><span>${esc(t(l, 'server.account.signed_in_as', { username: a.username }))}</span> <button type="submit" class="secondary">${esc(t(l, 'server.account.sign_out'))}</button></form>`;
}

export const PAGE_STYLE = `
:root{--ink:#1f2933;--muted:#4e5b66;--line:#8a96a3;--bg:#f5f7f9;--accent:#0b5cad;--accent-dark:#0b3d75;--error:#a1261b;--focus:#ffbf47;
font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
*{box-sizing:border-box}body{margin:0}
header{background:#fff;border-bottom:1px solid #d5dbe1;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header a{color:var(--accent)}
main{max-width:72rem;margin:1.5rem auto;padding:0 1.5rem}
section{background:#fff;border:1px solid #d5dbe1;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1.25rem;overflow-x:auto}
h1{font-size:1.6rem;margin:.25rem 0 1rem}h2{font-size:1.2rem;margin:0 0 .75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #c5ccd3;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f4}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}.uncovered{color:var(--muted);font-style:italic}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input[type=text],input[type=date],input[type=number],select,textarea{width:100%;max-width:32rem;padding:.45rem .5rem;font:inherit;border:1px solid var(--line);border-radius:4px}
button{margin-top:.75rem;padding:.5rem 1.1rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:4px;cursor:pointer}
button:hover{background:var(--accent-dark)}button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
fieldset{border:1px solid #c5ccd3;border-radius:4px;margin:.6rem 0;padding:.4rem .75rem}legend{font-weight:600}
fieldset label{display:inline-block;font-weight:400;margin:.2rem 1rem .2rem 0}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--accent-dark)}
.message{margin:0 0 1rem;padding:.6rem .75rem;border-left:4px solid var(--accent);background:#eef4fb}
.message.error{border-color:var(--error);background:#fbeeed;color:var(--error)}
nav.lang a{margin-right:.75rem}form.signout{margin-left:auto}form.signout button{margin:0 0 0 .5rem}nav.lang a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}
@media print{header,nav,form,.noprint{display:none}body{background:#fff}section{border:0;padding:0}main{max-width:none;margin:0}}
@page{size:A4;margin:18mm}`;

const LANG_NAMES: Record<Lang, string> = { da: 'Dansk', sv: 'Svenska', en: 'English' };

/** A whole page around `body` (already HTML). */
export function page(f: Frame, body: string): string {
  const [p, q = ''] = f.path.split('?');
  const params = new URLSearchParams(q);
  const langs = LANGS.map((l) => {
    params.set('lang', l);
    return `<a href="${esc(`${p}?${params.toString()}`)}" hreflang="${l}" lang="${l}"${l === f.lang ? ' aria-current="page"' : ''}>${LANG_NAMES[l]}</a>`;
  }).join('');
  const message = f.message
    ? `<div class="message ${f.message.kind}" role="${f.message.kind === 'error' ? 'alert' : 'status'}"><p>${esc(f.message.text)}</p>${f.message.hint ? `<p>${esc(f.message.hint)}</p>` : ''}</div>`
    : '';
  // a signed-in reader sees only the links the policy lets them open
  const links = f.account ? f.nav.links.filter((l) => f.account!.canOpen(l.href)) : f.nav.links;
  const nav = links.map((l) => `<a href="${esc(l.href)}">${esc(l.text)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="${f.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(f.title)} – ${esc(f.area)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
${nav ? `<nav aria-label="${esc(f.nav.label)}">${nav}</nav>` : ''}
<nav class="lang" aria-label="${esc(f.languageLabel)}">${langs}</nav>
${accountBar(f, links)}
</header>
<main>
<h1>${esc(f.title)}</h1>
${message}${body}
</main>
</body>
</html>
`;
}

/** The hidden CSRF field of a form. */
export function csrfInput(token: string): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${esc(token)}">`;
}

/** Send a server-rendered page: HTML, never kept in a cache (it may show citizen or user data). */
export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
