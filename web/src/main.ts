import { fetchMeta, fetchTable, type Meta, type Page } from './api.js';
import { clear, h } from './dom.js';
import {
  formatDate,
  LANGS,
  lang,
  setLang,
  setValueLabels,
  t,
  tIn,
  tx,
  valueLabel,
  type Lang,
} from './i18n.js';
import { errorState, labelsOf, renderPanel, type Filters } from './panel.js';
import { dataTable } from './table.js';

/**
 * The dashboard: one page at a time, chosen by the address (#/page?filters&lang) so every view can be
 * bookmarked and shared. Filters apply to every panel of the page.
 */
const FILTERS = ['period', 'municipality', 'age_band', 'department', 'law'] as const;
const TABLES_PAGE = 'tables';

interface Route {
  page: string;
  filters: Filters;
  lang: Lang;
  table?: string;
}

let meta: Meta | null = null;

function parseRoute(): Route {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const p = new URLSearchParams(query);
  const l = p.get('lang');
  const stored = localStorage.getItem('tvaerblik.lang');
  const chosen = (LANGS as string[]).includes(l ?? '')
    ? (l as Lang)
    : (LANGS as string[]).includes(stored ?? '')
      ? (stored as Lang)
      : 'da';
  const filters: Filters = {};
  for (const f of FILTERS) {
    const v = p.get(f);
    if (v !== null) filters[f] = v;
  }
  return { page: path || 'overview', filters, lang: chosen, table: p.get('table') ?? undefined };
}

function routeHash(r: Route): string {
  const p = new URLSearchParams();
  for (const f of FILTERS) if (r.filters[f] !== undefined) p.set(f, r.filters[f]!);
  if (r.table) p.set('table', r.table);
  p.set('lang', r.lang);
  return `#/${r.page}?${p.toString()}`;
}

function navigate(r: Route): void {
  const hash = routeHash(r);
  if (location.hash === hash) render();
  else location.hash = hash;
}

/** Default filters: the latest period and the workspace's first municipality; every other filter open. */
function withDefaults(r: Route, m: Meta): Route {
  const filters = { ...r.filters };
  const periods = m.filters.period ?? [];
  if (filters.period === undefined && periods.length) filters.period = periods[periods.length - 1]!;
  const munis = m.filters.municipality ?? [];
  if (filters.municipality === undefined && munis.length) {
    filters.municipality = m.workspace.municipalities.find((x) => munis.includes(x)) ?? munis[0]!;
  }
  // A value no table has any more (after a new run) falls back to "all" rather than an error.
  for (const f of FILTERS) if (filters[f] && !(m.filters[f] ?? []).includes(filters[f]!)) delete filters[f];
  return { ...r, filters };
}

function header(r: Route, m: Meta | null): HTMLElement {
  const select = h(
    'select',
    {
      id: 'lang',
      onchange: (e: Event) => {
        const l = (e.target as HTMLSelectElement).value as Lang;
        localStorage.setItem('tvaerblik.lang', l);
        navigate({ ...r, lang: l });
      },
    },
    ...LANGS.map((l) => h('option', { value: l, selected: l === r.lang, lang: l }, tIn(l, 'languageName'))),
  );
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }, '◧'),
      h(
        'div',
        {},
        h('p', { class: 'app-name' }, t('appTitle')),
        h('p', { class: 'tagline' }, m ? m.workspace.name : t('tagline')),
      ),
    ),
    h(
      'div',
      { class: 'top-right' },
      m
        ? h(
            'p',
            { class: 'loaded' },
            t('dataFrom', { time: formatDate(m.loadedAt.replace('T', ' ').slice(0, 16)) }),
          )
        : null,
      h('label', { for: 'lang' }, t('language')),
      select,
    ),
  );
}

function nav(r: Route, m: Meta): HTMLElement {
  const pages: { id: string; title: string }[] = [
    ...m.pages.map((p) => ({ id: p.id, title: tx(p.title) })),
    { id: TABLES_PAGE, title: t('allTables') },
  ];
  return h(
    'nav',
    { class: 'pages', 'aria-label': t('pages') },
    h(
      'ul',
      {},
      ...pages.map((p) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: routeHash({ ...r, page: p.id, table: undefined }),
              'aria-current': p.id === r.page ? 'page' : null,
            },
            p.title,
          ),
        ),
      ),
    ),
  );
}

function filterBar(r: Route, m: Meta): HTMLElement {
  const controls = FILTERS.filter((f) => (m.filters[f] ?? []).length > 0).map((f) => {
    const id = `filter-${f}`;
    return h(
      'div',
      { class: 'filter' },
      h('label', { for: id }, t(f)),
      h(
        'select',
        {
          id,
          name: f,
          onchange: (e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            navigate({ ...r, filters: { ...r.filters, [f]: v } });
          },
        },
        h('option', { value: '', selected: !r.filters[f] }, t('all')),
        ...(m.filters[f] ?? []).map((v) =>
          h('option', { value: v, selected: r.filters[f] === v }, valueLabel(v, f)),
        ),
      ),
    );
  });
  return h(
    'form',
    { class: 'filters', 'aria-label': t('filters'), onsubmit: (e: Event) => e.preventDefault() },
    ...controls,
    h(
      'button',
      { type: 'button', class: 'link', onclick: () => navigate({ ...r, filters: {}, table: undefined }) },
      t('reset'),
    ),
  );
}

function pageView(r: Route, m: Meta, page: Page): HTMLElement[] {
  return [
    h('h1', { id: 'page-title', tabindex: -1 }, tx(page.title)),
    h('p', { class: 'intro' }, tx(page.intro)),
    h('div', { class: 'panels' }, ...page.panels.map((p) => renderPanel(p, m, r.filters))),
  ];
}

function tablesView(r: Route, m: Meta): HTMLElement[] {
  const out: HTMLElement[] = [
    h('h1', { id: 'page-title', tabindex: -1 }, t('allTables')),
    h('p', { class: 'intro' }, t('allTablesIntro')),
  ];
  if (m.tables.length === 0) {
    out.push(h('p', { class: 'state state-empty' }, t('noTables')));
    return out;
  }
  const chosen = m.tables.find((x) => x.name === r.table) ?? m.tables[0]!;
  out.push(
    h(
      'div',
      { class: 'filter' },
      h('label', { for: 'table-select' }, t('table')),
      h(
        'select',
        {
          id: 'table-select',
          onchange: (e: Event) => navigate({ ...r, table: (e.target as HTMLSelectElement).value }),
        },
        ...m.tables.map((x) =>
          h(
            'option',
            { value: x.name, selected: x.name === chosen.name },
            `${tx(x.title)} (${t('rows', { n: x.rows })})`,
          ),
        ),
      ),
    ),
  );
  const slot = h(
    'section',
    { class: 'panel', 'aria-label': tx(chosen.title) },
    h('p', { class: 'state state-loading' }, t('loading')),
  );
  out.push(slot);
  const load = () =>
    fetchTable(chosen.name, r.filters, { limit: '500' })
      .then((data) => {
        clear(slot);
        const q = new URLSearchParams({
          ...Object.fromEntries(Object.entries(r.filters).filter(([, v]) => v)),
          lang: lang(),
        });
        slot.append(
          h('h2', {}, tx(chosen.title)),
          data.rows.length
            ? dataTable(
                data,
                labelsOf(m, chosen.name),
                `${tx(chosen.title)} (${t('rows', { n: data.total })})`,
                {
                  maxRows: 500,
                },
              )
            : h('p', { class: 'state state-empty' }, t('empty')),
          data.total > data.rows.length
            ? h('p', { class: 'note' }, t('firstRows', { n: data.rows.length, total: data.total }))
            : '',
          h(
            'div',
            { class: 'downloads' },
            h('span', { class: 'group-label' }, `${t('downloadTable')}:`),
            h('a', { href: `/api/tables/${chosen.name}.csv?${q}`, download: `${chosen.name}.csv` }, 'CSV'),
            h(
              'a',
              { href: `/api/tables/${chosen.name}.xlsx?${q}`, download: `${chosen.name}.xlsx` },
              'Excel',
            ),
          ),
        );
      })
      .catch((e: unknown) => {
        clear(slot);
        slot.append(errorState(e, () => void load()));
      });
  void load();
  return out;
}

let lastPage = '';

async function render(): Promise<void> {
  const app = document.getElementById('app')!;
  let r = parseRoute();
  setLang(r.lang);
  if (!meta) {
    clear(app);
    app.append(
      header(r, null),
      h('main', { id: 'main', 'aria-busy': 'true' }, h('p', { class: 'state state-loading' }, t('loading'))),
    );
    try {
      meta = await fetchMeta();
      setValueLabels(meta.values, meta.municipalities);
    } catch (e) {
      clear(app);
      app.append(
        header(r, null),
        h(
          'main',
          { id: 'main' },
          errorState(e, () => void render()),
        ),
      );
      return;
    }
  }
  const m = meta;
  r = withDefaults(r, m);
  const page = m.pages.find((p) => p.id === r.page);
  const view =
    r.page === TABLES_PAGE ? tablesView(r, m) : page ? pageView(r, m, page) : pageView(r, m, m.pages[0]!);
  const title = r.page === TABLES_PAGE ? t('allTables') : tx((page ?? m.pages[0]!).title);
  document.title = `${title} · ${t('appTitle')}`;
  const activeId = document.activeElement?.id;
  clear(app);
  app.append(
    header(r, m),
    h(
      'div',
      { class: 'layout' },
      nav(r, m),
      h('main', { id: 'main', tabindex: -1 }, filterBar(r, m), ...view),
    ),
  );
  // Moving to another page puts focus on its heading, as a screen-reader user expects.
  if (lastPage && lastPage !== r.page) document.getElementById('page-title')?.focus();
  else if (activeId) document.getElementById(activeId)?.focus();
  lastPage = r.page;
}

window.addEventListener('hashchange', () => void render());
void render();
