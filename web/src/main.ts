import { fetchMeta, fetchTable, tableQuery, type Meta, type Page } from './api.js';
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
  type UiKey,
} from './i18n.js';
import { isBenchmarkPanel, renderBenchmarkPanel, withBenchmark } from './benchmark.js';
import { COMPARE_PAGE, comparePage, compareSection } from './compare.js';
import { errorState, labelsOf, renderPanel, type Cross } from './panel.js';
import { dataTable } from './table.js';

/**
 * The dashboard: one page at a time, chosen by the address (#/page?filters&lang) so every view can be
 * bookmarked and shared. Filters apply to every panel of the page.
 */
const FILTERS = ['period', 'municipality', 'age_band', 'department', 'law'] as const;
const TABLES_PAGE = 'tables';
/** The page the age-standardised benchmark joins (besides the comparison page): a KPB economist's. */
const KPB_PAGE = 'kpb';

/** filter → chosen values; an empty list is "all" (kept in the address so it is not replaced by a default) */
type Chosen = Record<string, string[]>;

interface Route {
  page: string;
  filters: Chosen;
  lang: Lang;
  table?: string;
  /** a value chosen in one panel that filters the others (cross-filtering) */
  cross?: Cross;
  /** the key figure of the comparison view (municipality × period), e.g. mart_key_figure:cost */
  kf?: string;
}

let meta: Meta | null = null;

function parseRoute(): Route {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const p = new URLSearchParams(query);
  // the server's pages link here with ?lang= in the query (the dashboard's own links keep it in the hash)
  const l = p.get('lang') ?? new URLSearchParams(location.search).get('lang');
  const stored = localStorage.getItem('tvaerblik.lang');
  const chosen = (LANGS as string[]).includes(l ?? '')
    ? (l as Lang)
    : (LANGS as string[]).includes(stored ?? '')
      ? (stored as Lang)
      : 'da';
  const filters: Chosen = {};
  // A filter may hold several values: repeated keys, or one comma list (?municipality=851,461).
  for (const f of FILTERS) {
    if (p.has(f)) filters[f] = [...new Set(p.getAll(f).flatMap((v) => v.split(',')))].filter((v) => v !== '');
  }
  const [cp, cc, cv] = [p.get('cfp'), p.get('cf'), p.get('cfv')];
  const cross = cp && cc && cv !== null ? { panel: cp, column: cc, value: cv } : undefined;
  return {
    page: path || 'overview',
    filters,
    lang: chosen,
    table: p.get('table') ?? undefined,
    cross,
    kf: p.get('kf') ?? undefined,
  };
}

function routeHash(r: Route): string {
  const p = new URLSearchParams();
  for (const f of FILTERS) {
    const vs = r.filters[f];
    if (vs === undefined) continue;
    if (vs.length === 0) p.set(f, '');
    for (const v of vs) p.append(f, v);
  }
  if (r.table) p.set('table', r.table);
  if (r.kf) p.set('kf', r.kf);
  if (r.cross) {
    p.set('cfp', r.cross.panel);
    p.set('cf', r.cross.column);
    p.set('cfv', r.cross.value);
  }
  p.set('lang', r.lang);
  return `#/${r.page}?${p.toString()}`;
}

function navigate(r: Route): void {
  const hash = routeHash(r);
  if (location.hash === hash) void render();
  else location.hash = hash;
}

/**
 * Default filters: the latest period and the workspace's first municipality; every other filter open.
 * The comparison page compares: it opens with every period and municipality.
 */
function withDefaults(r: Route, m: Meta): Route {
  const filters = { ...r.filters };
  const periods = m.filters.period ?? [];
  const all = r.page === COMPARE_PAGE;
  if (filters.period === undefined && periods.length && !all) filters.period = [periods[periods.length - 1]!];
  const munis = m.filters.municipality ?? [];
  if (filters.municipality === undefined && munis.length && !all) {
    filters.municipality = [m.workspace.municipalities.find((x) => munis.includes(x)) ?? munis[0]!];
  }
  // A value no table has any more (after a new run) is dropped rather than an error.
  for (const f of FILTERS) {
    if (filters[f]) filters[f] = filters[f].filter((v) => (m.filters[f] ?? []).includes(v));
  }
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
      account(r.lang),
    ),
  );
}

/** The start pages of the other areas, by the addresses the server lists (HOMES in src/serve/page.ts). */
const AREAS: Record<string, UiKey> = {
  '/overview': 'areaOverview',
  '/overview/queue': 'areaQueue',
  '/cluster': 'areaCluster',
  '/audit': 'areaAudit',
  '/admin': 'areaAdmin',
};

/**
 * Server mode: the other areas the user may open, who is signed in and a sign-out button. The
 * server puts the user, the areas and the sign-out form's CSRF token in the page's <meta> elements.
 */
function account(l: Lang): HTMLElement | null {
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
  const user = meta('tvaerblik-user');
  const csrf = meta('csrf-token');
  if (!user || !csrf) return null;
  const areas = (meta('tvaerblik-areas') ?? '').split(' ').filter((a) => a in AREAS);
  return h(
    'div',
    { class: 'account' },
    areas.length
      ? h(
          'nav',
          { 'aria-label': t('areas') },
          ...areas.map((a) => h('a', { href: `${a}?lang=${l}` }, t(AREAS[a]!))),
        )
      : null,
    h(
      'form',
      { method: 'post', action: '/signout' },
      h('input', { type: 'hidden', name: '_csrf', value: csrf }),
      h('input', { type: 'hidden', name: 'lang', value: l }),
      h('span', {}, t('signedInAs', { username: user })),
      h('button', { type: 'submit', class: 'signout' }, t('signOut')),
    ),
  );
}

function nav(r: Route, m: Meta): HTMLElement {
  const pages: { id: string; title: string }[] = [
    ...m.pages.map((p) => ({ id: p.id, title: tx(p.title) })),
    { id: COMPARE_PAGE, title: t('comparePage') },
    { id: TABLES_PAGE, title: t('allTables') },
  ];
  // To the comparison page a single period or municipality (the other pages' default) widens to all;
  // several chosen stay chosen.
  const linkFilters = (id: string): Chosen => {
    if (id !== COMPARE_PAGE) return r.filters;
    const f = { ...r.filters };
    for (const k of ['period', 'municipality'] as const) if ((f[k]?.length ?? 0) <= 1) delete f[k];
    return f;
  };
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
              href: routeHash({
                ...r,
                page: p.id,
                table: undefined,
                cross: undefined,
                filters: linkFilters(p.id),
              }),
              'aria-current': p.id === r.page ? 'page' : null,
            },
            p.title,
          ),
        ),
      ),
    ),
  );
}

/**
 * One filter: a select for one value or all (quick), and "choose several" with a checkbox per value.
 * Several values are OR-ed within the filter; the charts then show them side by side.
 */
function filterControl(r: Route, m: Meta, f: (typeof FILTERS)[number]): HTMLElement {
  const id = `filter-${f}`;
  const values = m.filters[f] ?? [];
  const chosen = r.filters[f] ?? [];
  const set = (vs: string[]) => navigate({ ...r, filters: { ...r.filters, [f]: vs } });
  const several = chosen.length > 1;
  const boxes = values.map((v, i) => {
    const boxId = `${id}-${i}`;
    return h(
      'li',
      {},
      h('input', {
        type: 'checkbox',
        id: boxId,
        value: v,
        checked: chosen.includes(v),
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          set(on ? values.filter((x) => x === v || chosen.includes(x)) : chosen.filter((x) => x !== v));
        },
      }),
      h('label', { for: boxId }, valueLabel(v, f)),
    );
  });
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
          set(v ? [v] : []);
        },
      },
      h('option', { value: '', selected: chosen.length === 0 }, t('all')),
      several ? h('option', { value: chosen[0]!, selected: true }, t('nChosen', { n: chosen.length })) : null,
      ...values.map((v) =>
        h('option', { value: v, selected: !several && chosen[0] === v }, valueLabel(v, f)),
      ),
    ),
    h(
      'details',
      { class: 'multi', id: `multi-${f}` },
      h('summary', {}, t('chooseSeveral'), h('span', { class: 'visually-hidden' }, ` (${t(f)})`)),
      h('fieldset', {}, h('legend', {}, t(f)), h('ul', {}, ...boxes)),
    ),
  );
}

function filterBar(r: Route, m: Meta): HTMLElement {
  const controls = FILTERS.filter((f) => (m.filters[f] ?? []).length > 0).map((f) => filterControl(r, m, f));
  return h(
    'form',
    { class: 'filters', 'aria-label': t('filters'), onsubmit: (e: Event) => e.preventDefault() },
    ...controls,
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => navigate({ ...r, filters: {}, table: undefined, cross: undefined }),
      },
      t('reset'),
    ),
  );
}

/** The chosen value of another panel, as a chip that removes it (a button, so the keyboard reaches it). */
function activeFilters(r: Route, m: Meta, page: Page): HTMLElement | null {
  if (!r.cross) return null;
  const c = r.cross;
  const source = page.panels.find((p) => p.id === c.panel);
  const column =
    m.tables.flatMap((x) => x.columns).find((x) => x.name === c.column)?.label ??
    ({ da: c.column, sv: c.column, en: c.column } as const);
  const text = `${tx(column)}: ${valueLabel(c.value, c.column)}`;
  return h(
    'div',
    { class: 'active-filters', role: 'region', 'aria-label': t('activeFilters') },
    h('span', { class: 'group-label' }, `${t('activeFilters')}:`),
    h(
      'button',
      {
        type: 'button',
        class: 'chip chip-remove',
        'aria-label': t('removeFilter', { filter: text }),
        onclick: () => navigate({ ...r, cross: undefined }),
      },
      text,
      source ? h('span', { class: 'chip-source' }, ` (${t('chosenIn', { panel: tx(source.title) })})`) : null,
      h('span', { 'aria-hidden': 'true' }, ' ×'),
    ),
  );
}

/** The chosen filters in words, for the printed page (a committee reads it without the filter bar). */
function filterSummary(r: Route, m: Meta): HTMLElement {
  const parts = FILTERS.filter((f) => (m.filters[f] ?? []).length > 0).map((f) => {
    const vs = r.filters[f] ?? [];
    return `${t(f)}: ${vs.length ? vs.map((v) => valueLabel(v, f)).join(', ') : t('all')}`;
  });
  return h('p', { class: 'print-summary' }, `${t('chosenFilters')}: ${parts.join(' · ')}`);
}

const VIEWS_KEY = 'tvaerblik.views';

interface SavedView {
  name: string;
  /** the address after "#": page, filters, cross-filter and language */
  hash: string;
}

/** Saved views, kept in this browser (localStorage); a broken entry is skipped, not an error. */
function readViews(): SavedView[] {
  try {
    const v = JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as unknown;
    return Array.isArray(v)
      ? v.filter((x): x is SavedView => typeof x?.name === 'string' && typeof x?.hash === 'string')
      : [];
  } catch {
    return [];
  }
}

function writeViews(views: SavedView[]): void {
  localStorage.setItem(VIEWS_KEY, JSON.stringify(views));
}

/** Named views beyond the address: save the current one, open or delete a saved one. */
function savedViews(r: Route): HTMLElement {
  const views = readViews();
  const input = h('input', { id: 'view-name', type: 'text', maxlength: 80, autocomplete: 'off' });
  const save = (e: Event) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) {
      input.focus();
      return;
    }
    // Same name: the view is replaced (saved again with today's filters).
    writeViews([...readViews().filter((v) => v.name !== name), { name, hash: routeHash(r) }]);
    void render();
  };
  return h(
    'details',
    { class: 'views', id: 'views' },
    h('summary', {}, `${t('savedViews')} (${views.length})`),
    h(
      'form',
      { class: 'view-save', onsubmit: save },
      h('label', { for: 'view-name' }, t('viewName')),
      input,
      h('button', { type: 'submit' }, t('saveView')),
    ),
    views.length
      ? h(
          'ul',
          { class: 'view-list' },
          ...views.map((v, i) =>
            h(
              'li',
              {},
              h('a', { href: v.hash }, v.name),
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  id: `view-delete-${i}`,
                  onclick: () => {
                    writeViews(readViews().filter((x) => x.name !== v.name));
                    void render();
                  },
                },
                t('deleteView', { name: v.name }),
              ),
            ),
          ),
        )
      : h('p', { class: 'note' }, t('noViews')),
  );
}

/** A page of panels; `extra` (the comparison table) follows the panels. */
function pageView(r: Route, m: Meta, page: Page, extra: HTMLElement[] = []): HTMLElement[] {
  const filters: Record<string, string[]> = r.filters;
  return [
    h(
      'div',
      { class: 'page-head' },
      h('h1', { id: 'page-title', tabindex: -1 }, tx(page.title)),
      h('button', { type: 'button', class: 'print', onclick: () => window.print() }, t('print')),
    ),
    h('p', { class: 'intro' }, tx(page.intro)),
    filterSummary(r, m),
    activeFilters(r, m, page),
    h(
      'div',
      { class: 'panels' },
      ...page.panels.map((p) =>
        (isBenchmarkPanel(p) ? renderBenchmarkPanel : renderPanel)(p, m, filters, r.cross ?? null, (c) =>
          navigate({ ...r, cross: c ?? undefined }),
        ),
      ),
      ...extra,
    ),
  ].filter((x): x is HTMLElement => x !== null);
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
        const q = tableQuery(r.filters, { lang: lang() });
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
            h('a', { href: `/api/tables/${chosen.name}.csv${q}`, download: `${chosen.name}.csv` }, 'CSV'),
            h('a', { href: `/api/tables/${chosen.name}.xlsx${q}`, download: `${chosen.name}.xlsx` }, 'Excel'),
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
  const found = r.page === COMPARE_PAGE ? comparePage(m) : m.pages.find((p) => p.id === r.page);
  const page = found?.id === KPB_PAGE ? withBenchmark(found, m) : found;
  const view =
    r.page === TABLES_PAGE
      ? tablesView(r, m)
      : r.page === COMPARE_PAGE
        ? pageView(r, m, page!, [
            compareSection(m, r.filters, r.cross ?? null, r.kf, (kf) => navigate({ ...r, kf })),
          ])
        : pageView(r, m, page ?? m.pages[0]!);
  const title = r.page === TABLES_PAGE ? t('allTables') : tx((page ?? m.pages[0]!).title);
  document.title = `${title} · ${t('appTitle')}`;
  const activeId = document.activeElement?.id;
  const open = [...app.querySelectorAll('details[id][open]')].map((d) => d.id);
  clear(app);
  app.append(
    header(r, m),
    h(
      'div',
      { class: 'layout' },
      nav(r, m),
      h('main', { id: 'main', tabindex: -1 }, filterBar(r, m), savedViews(r), ...view),
    ),
  );
  for (const id of open) document.getElementById(id)?.setAttribute('open', '');
  // Moving to another page puts focus on its heading, as a screen-reader user expects.
  if (lastPage && lastPage !== r.page) document.getElementById('page-title')?.focus();
  else if (activeId) document.getElementById(activeId)?.focus();
  lastPage = r.page;
}

window.addEventListener('hashchange', () => void render());
void render();
