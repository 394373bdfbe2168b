/**
 * Every refusal and error the server answers itself (sign-in needed, a role without access, a
 * missing or invalid CSRF token, not found, too many requests, an internal error): JSON
 * `{ error }` for a script, and for a browser a page in the reader's language with the links the
 * reader may open and the sign-out button, so nobody is left on a bare JSON text.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../core/messages.js';
import { holdsWrittenPersonNumber } from '../store/audit.js';
import { requestLang } from './auth/pages.js';
import { accountOf, esc, HOMES, page, sendPage } from './page.js';

/** Whether a browser asked for a page (navigation or a form post), not a script for JSON. */
export function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** The reader's language: ?lang= (or a form's `lang`), else Accept-Language, else Danish. */
export function readerLang(request: FastifyRequest): ReturnType<typeof requestLang> {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  return requestLang(typeof query?.lang === 'string' ? query : body, request.headers['accept-language']);
}

/** Answer `status` with `text` (already in the reader's language): a page for a browser, else JSON. */
export function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  text: string,
  json: Record<string, unknown> = {},
): FastifyReply {
  if (!wantsPage(request)) return reply.code(status).send({ error: text, ...json });
  const lang = readerLang(request);
  // the session's token for the sign-out form (the request's own helper is not set up this early)
  const account =
    request.server.signInRequired && request.user ? accountOf(request, reply.generateCsrf()) : undefined;
  const title = t(lang, `server.page.${[401, 403, 404, 429].includes(status) ? status : 'error'}`);
  const start = account
    ? ''
    : `<p><a href="${esc(`${HOMES[0]!.href}?lang=${lang}`)}">${esc(t(lang, 'server.page.start'))}</a></p>`;
  return sendPage(
    reply,
    page(
      {
        lang,
        // the language links lead back here, unless the address is one refused for a person number
        path: holdsWrittenPersonNumber(safeDecode(request.url)) ? '/' : request.url.slice(0, 500),
        title,
        area: 'Tværblik',
        nav: { label: 'Tværblik', links: [] },
        languageLabel: t(lang, 'server.page.language'),
        message: { kind: 'error', text },
        ...(account ? { account } : {}),
      },
      start,
    ),
    status,
  );
}

/** An address decoded for a check (left as it is when a percent-escape is malformed). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
