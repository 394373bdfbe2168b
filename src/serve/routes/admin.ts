/**
 * The administrator's pages (role 'admin', purpose 'admin': users and roles, never citizen data):
 * the users with their roles, state and last sign-in; a new user with a one-time initial password
 * shown once (or none); a user's roles; disable and enable. What `tvaerblik server add-user`,
 * `set-roles`, `disable-user` and `enable-user` do from the command line, in the browser. Every
 * change is a POST with the CSRF token (the server's hook checks it) and an audit entry naming the
 * administrator and the change from → to. An administrator can neither take away their own admin
 * role nor disable themselves, so the last administrator always stays (docs/server.md, "Users").
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../core/messages.js';
import { formatDate, type Lang } from '../../i18n.js';
import { ROLES, isRole, type Role } from '../../store/access.js';
import { appendAudit } from '../../store/audit.js';
import { hashPassword } from '../auth/local.js';
import { requestLang } from '../auth/policy.js';
import { createUser, setRoles } from '../auth/users.js';
import { csrfInput, esc, page, sendPage, withAccount } from '../page.js';

const ADMIN = { config: { access: { roles: ['admin' as const], purpose: 'admin' as const } } };
/** A username: what `tvaerblik server add-user` accepts. */
const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;
/** Informational messages for `?m=` after a change (anything else shows none). */
const SAVED: Record<string, string> = {
  roles: 'admin.roles_saved',
  disabled: 'admin.disabled_saved',
  enabled: 'admin.enabled_saved',
};

interface UserRow {
  id: string;
  username: string;
  disabled: boolean;
  has_password: boolean;
  oidc: boolean;
  last_sign_in_at: Date | string | null;
  roles: string[] | null;
}

type Message = { kind: 'error' | 'info'; text: string };

/** One-time initial password: 120 random bits, 20 characters (above the 12 a password needs). */
export function initialPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** The roles posted in a form (one field per ticked box), only known roles, sorted. */
function postedRoles(value: unknown): Role[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(list.filter((r): r is Role => typeof r === 'string' && isRole(r)))].sort();
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const users = async (id?: string): Promise<UserRow[]> =>
    app.store.query<UserRow>(
      `SELECT u.id, u.username, u.disabled, u.password_hash IS NOT NULL AS has_password,
              u.oidc_subject IS NOT NULL AS oidc, u.last_sign_in_at,
              array_remove(array_agg(r.role ORDER BY r.role), NULL) AS roles
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
        ${id === undefined ? '' : 'WHERE u.id = $1'}
        GROUP BY u.id ORDER BY lower(u.username)`,
      id === undefined ? [] : [id],
    );

  const L = (lang: Lang, k: string, vars = {}) => t(lang, `admin.${k}`, vars);
  const roleName = (lang: Lang, r: string) => (isRole(r) ? L(lang, `role.${r}`) : r);
  const when = (lang: Lang, at: Date | string | null) => {
    if (at === null) return L(lang, 'never');
    const iso = at instanceof Date ? at.toISOString() : new Date(at).toISOString();
    return `${formatDate(iso, lang)} ${iso.slice(11, 16)}`;
  };
  const method = (lang: Lang, u: UserRow) =>
    [u.has_password ? L(lang, 'method_password') : '', u.oidc ? L(lang, 'method_oidc') : '']
      .filter(Boolean)
      .join(', ') || L(lang, 'method_none');

  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    title: string,
    body: string,
    status = 200,
    message?: Message,
  ) =>
    sendPage(
      reply,
      page(
        {
          lang,
          path: request.url,
          title,
          area: 'Tværblik',
          nav: { label: L(lang, 'nav'), links: [{ href: `/admin?lang=${lang}`, text: L(lang, 'title') }] },
          languageLabel: L(lang, 'language'),
          ...(message ? { message } : {}),
          ...withAccount(request),
        },
        body,
      ),
      status,
    );

  const roleBoxes = (lang: Lang, checked: readonly string[], prefix: string) =>
    `<fieldset><legend>${esc(L(lang, 'roles'))}</legend>${ROLES.map(
      (r) =>
        `<label for="${prefix}-${r}"><input type="checkbox" id="${prefix}-${r}" name="roles" value="${r}"${checked.includes(r) ? ' checked' : ''}> ${esc(roleName(lang, r))} <span class="muted">(${r})</span></label>`,
    ).join('')}</fieldset>`;

  /** The list of users and the form for a new one. */
  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status = 200,
    extra: { message?: Message; created?: string; form?: { username: string; roles: Role[] } } = {},
  ) => {
    const lang = requestLang(request);
    const rows = (await users())
      .map(
        (u) =>
          `<tr><td><a href="/admin/users/${esc(u.id)}?lang=${lang}">${esc(u.username)}</a></td><td>${esc(
            (u.roles ?? []).map((r) => roleName(lang, r)).join(', ') || L(lang, 'no_roles'),
          )}</td><td>${esc(u.disabled ? L(lang, 'disabled') : L(lang, 'active'))}</td><td>${esc(method(lang, u))}</td><td>${esc(when(lang, u.last_sign_in_at))}</td></tr>`,
      )
      .join('');
    const body = `${extra.created ?? ''}<section aria-labelledby="h-users"><h2 id="h-users">${esc(L(lang, 'users'))}</h2>
<table><caption>${esc(L(lang, 'users_caption'))}</caption><thead><tr><th scope="col">${esc(L(lang, 'username'))}</th><th scope="col">${esc(L(lang, 'roles'))}</th><th scope="col">${esc(L(lang, 'state'))}</th><th scope="col">${esc(L(lang, 'method'))}</th><th scope="col">${esc(L(lang, 'last_sign_in'))}</th></tr></thead><tbody>${rows}</tbody></table></section>
<section aria-labelledby="h-new"><h2 id="h-new">${esc(L(lang, 'new_user'))}</h2>
<form method="post" action="/admin/users?lang=${lang}">${csrfInput(request.csrfToken())}
<label for="n-username">${esc(L(lang, 'username'))}</label><input type="text" id="n-username" name="username" autocomplete="off" required value="${esc(extra.form?.username ?? '')}">
${roleBoxes(lang, extra.form?.roles ?? [], 'n')}
<fieldset><legend>${esc(L(lang, 'password'))}</legend>
<label for="n-pw-initial"><input type="radio" id="n-pw-initial" name="password" value="initial" checked> ${esc(L(lang, 'password_initial'))}</label>
<label for="n-pw-none"><input type="radio" id="n-pw-none" name="password" value="none"> ${esc(L(lang, 'password_none'))}</label></fieldset>
<button type="submit">${esc(L(lang, 'create'))}</button></form></section>`;
    return send(request, reply, lang, L(lang, 'title'), body, status, extra.message);
  };

  /** One user: roles, and disable or enable. */
  const userPage = async (request: FastifyRequest, reply: FastifyReply, status = 200, message?: Message) => {
    const lang = requestLang(request);
    const id = (request.params as { id: string }).id;
    const [u] = await users(id);
    if (!u) return reply.code(404).send({ error: L(lang, 'unknown_user') });
    const info = SAVED[String((request.query as Record<string, unknown>).m)];
    const msg =
      message ??
      (info ? { kind: 'info' as const, text: t(lang, info, { username: u.username }) } : undefined);
    const self = u.id === request.user!.id;
    const base = `/admin/users/${esc(u.id)}`;
    const body = `<section aria-labelledby="h-user"><h2 id="h-user">${esc(u.username)}</h2>
<p>${esc(L(lang, 'state'))}: ${esc(u.disabled ? L(lang, 'disabled') : L(lang, 'active'))}. ${esc(L(lang, 'method'))}: ${esc(method(lang, u))}. ${esc(L(lang, 'last_sign_in'))}: ${esc(when(lang, u.last_sign_in_at))}.</p>
${u.oidc ? `<p class="muted">${esc(L(lang, 'oidc_note'))}</p>` : ''}
<form method="post" action="${base}/roles?lang=${lang}">${csrfInput(request.csrfToken())}
${roleBoxes(lang, u.roles ?? [], 'r')}
${self ? `<p class="muted">${esc(L(lang, 'self_note'))}</p>` : ''}
<button type="submit">${esc(L(lang, 'save_roles'))}</button></form></section>
<section aria-labelledby="h-access"><h2 id="h-access">${esc(L(lang, 'access'))}</h2>
<form method="post" action="${base}/${u.disabled ? 'enable' : 'disable'}?lang=${lang}">${csrfInput(request.csrfToken())}
<button type="submit" class="secondary">${esc(L(lang, u.disabled ? 'enable' : 'disable'))}</button></form></section>`;
    return send(request, reply, lang, L(lang, 'user_title', { username: u.username }), body, status, msg);
  };

  app.get('/admin', ADMIN, (request, reply) => listPage(request, reply));
  app.get('/admin/users/:id', ADMIN, (request, reply) => userPage(request, reply));

  app.post('/admin/users', ADMIN, async (request, reply) => {
    const lang = requestLang(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 200) : '';
    const roles = postedRoles(body.roles);
    const form = { username, roles };
    const refuse = (key: string, vars = {}) =>
      listPage(request, reply, 400, { form, message: { kind: 'error', text: L(lang, key, vars) } });
    if (!USERNAME.test(username)) return refuse('bad_username');
    if (roles.length === 0) return refuse('no_role');
    const [taken] = await app.store.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [
      username,
    ]);
    if (taken) return refuse('taken', { username });
    const password = body.password === 'none' ? undefined : initialPassword();
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const actor = request.user!.id;
    const id = await app.store.transaction(async (tx) => {
      const id = await createUser(tx, {
        username,
        roles,
        createdBy: actor,
        ...(passwordHash ? { passwordHash } : {}),
      });
      await appendAudit(tx, {
        actor,
        action: 'user.create',
        purpose: 'admin',
        subject: id,
        detail: {
          username,
          from: null,
          to: { roles, disabled: false },
          password: password ? 'initial' : 'none',
        },
        ip: request.ip,
      });
      return id;
    });
    // the password is in this answer only (no-store); it is neither kept nor logged
    const created = `<section aria-labelledby="h-created"><h2 id="h-created">${esc(L(lang, 'created', { username }))}</h2>${
      password
        ? `<p>${esc(L(lang, 'initial_is'))}</p><p><code id="initial-password">${esc(password)}</code></p><p>${esc(L(lang, 'initial_once'))}</p>`
        : `<p>${esc(L(lang, 'created_none'))}</p>`
    }<p><a href="/admin/users/${esc(id)}?lang=${lang}">${esc(L(lang, 'open_user', { username }))}</a></p></section>`;
    return listPage(request, reply, 201, { created });
  });

  app.post('/admin/users/:id/roles', ADMIN, async (request, reply) => {
    const lang = requestLang(request);
    const id = (request.params as { id: string }).id;
    const [u] = await users(id);
    if (!u) return reply.code(404).send({ error: L(lang, 'unknown_user') });
    const from = (u.roles ?? []).slice().sort();
    const to = postedRoles((request.body as Record<string, unknown> | undefined)?.roles);
    if (id === request.user!.id && !to.includes('admin'))
      return userPage(request, reply, 409, { kind: 'error', text: L(lang, 'own_admin') });
    if (to.length === 0) return userPage(request, reply, 400, { kind: 'error', text: L(lang, 'no_role') });
    if (from.join() !== to.join())
      await app.store.transaction(async (tx) => {
        await setRoles(tx, id, to, request.user!.id);
        await appendAudit(tx, {
          actor: request.user!.id,
          action: 'user.roles',
          purpose: 'admin',
          subject: id,
          detail: { from, to },
          ip: request.ip,
        });
      });
    return reply.redirect(`/admin/users/${encodeURIComponent(id)}?lang=${lang}&m=roles`, 303);
  });

  for (const disabled of [true, false])
    app.post(`/admin/users/:id/${disabled ? 'disable' : 'enable'}`, ADMIN, async (request, reply) => {
      const lang = requestLang(request);
      const id = (request.params as { id: string }).id;
      const [u] = await users(id);
      if (!u) return reply.code(404).send({ error: L(lang, 'unknown_user') });
      if (disabled && id === request.user!.id)
        return userPage(request, reply, 409, { kind: 'error', text: L(lang, 'own_disable') });
      if (u.disabled !== disabled)
        await app.store.transaction(async (tx) => {
          await tx.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled]);
          // a disabled user's sessions end now (each request also reads the user again)
          if (disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
          await appendAudit(tx, {
            actor: request.user!.id,
            action: disabled ? 'user.disable' : 'user.enable',
            purpose: 'admin',
            subject: id,
            detail: { from: { disabled: u.disabled }, to: { disabled } },
            ip: request.ip,
          });
        });
      return reply.redirect(
        `/admin/users/${encodeURIComponent(id)}?lang=${lang}&m=${disabled ? 'disabled' : 'enabled'}`,
        303,
      );
    });
}
