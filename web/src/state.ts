import { RequestError, type Meta } from './api.js';
import { clear, h } from './dom.js';
import { t, type Text } from './i18n.js';

/** A panel's or dialog's error state: what failed, what to do, and a retry button. */
export function errorState(e: unknown, retry: () => void): HTMLElement {
  const msg = e instanceof RequestError ? e.message : String((e as Error).message ?? e);
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    h('p', {}, t('error', { msg })),
    h('p', {}, t('errorHint')),
    h('button', { type: 'button', onclick: retry }, t('retry')),
  );
}

/** A table's column headings in da/sv/en, from /api/meta. */
export function labelsOf(meta: Meta, table: string): Map<string, Text> {
  const cols = meta.tables.find((x) => x.name === table)?.columns ?? [];
  return new Map(cols.map((c) => [c.name, c.label]));
}

/** Fill `body` with what `work` returns: a loading state meanwhile, an error state with a retry if it fails. */
export function fillAsync(body: HTMLElement, work: () => Promise<Node[]>): void {
  const run = async () => {
    clear(body);
    body.setAttribute('aria-busy', 'true');
    body.append(h('p', { class: 'state state-loading' }, t('loading')));
    try {
      const nodes = await work();
      clear(body);
      body.append(...nodes);
    } catch (e) {
      clear(body);
      body.append(errorState(e, () => void run()));
    } finally {
      body.removeAttribute('aria-busy');
    }
  };
  void run();
}
