/** Languages a user can read Tværblik in; Danish is the default. */
export type Lang = 'da' | 'sv' | 'en';
export const LANGS: readonly Lang[] = ['da', 'sv', 'en'];

/** A user-facing text in all three languages, read from the message catalogues (`text`/`texts` in src/core/messages.ts). */
export type Text = Record<Lang, string>;

type Render = (lang: Lang, vars: Record<string, string | number>) => string;
const renderers = new WeakMap<Text, Render>();

/** Texts read from the message catalogues (src/core/messages.ts) are rendered with ICU MessageFormat. */
export function renderWith(text: Text, render: Render): void {
  renderers.set(text, render);
}

/** Pick the language's text and fill `{name}` placeholders. */
export function tr(text: Text, lang: Lang, vars: Record<string, string | number> = {}): string {
  const render = renderers.get(text);
  if (render) return render(lang, vars);
  return text[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function parseLang(value: string | undefined): Lang {
  if (value === undefined) return 'da';
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new Error(`Unknown language "${value}" (use da, sv or en)`);
}

const LOCALE: Record<Lang, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };

/** Format a number the way readers of the language expect (1.234,5 / 1 234,5 / 1,234.5). */
export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** Format minor units (øre/öre) as major units with two decimals, exactly (no float rounding). */
export function formatMoney(minor: bigint, lang: Lang, decimals: 0 | 2 = 2): string {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const whole = abs / 100n;
  const cents = abs % 100n;
  const rounded = decimals === 0 ? (cents >= 50n ? whole + 1n : whole) : whole;
  const group = new Intl.NumberFormat(LOCALE[lang], { useGrouping: true }).format(rounded);
  const dec = lang === 'en' ? '.' : ',';
  const body = decimals === 2 ? `${group}${dec}${cents.toString().padStart(2, '0')}` : group;
  return neg ? `-${body}` : body;
}

/** Format an ISO date for the language (da 31-12-2024, sv 2024-12-31, en 31 Dec 2024). */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  if (lang === 'sv') return `${y}-${m}-${d}`;
  if (lang === 'da') return `${d}-${m}-${y}`;
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
