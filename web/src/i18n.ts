/** The dashboard's own texts and number/date formats in Danish (default), Swedish and English. */
import { MESSAGES, type UiKey } from './messages.js';

export type Lang = 'da' | 'sv' | 'en';
export const LANGS: Lang[] = ['da', 'sv', 'en'];
export type Text = Record<Lang, string>;

const LOCALE: Record<Lang, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };

let current: Lang = 'da';
export const lang = (): Lang => current;
export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
}

export type { UiKey };

/** A UI text in the current language, `{name}` placeholders and plurals filled (texts: locales/web/, see messages.ts). */
export function t(key: UiKey, vars: Record<string, string | number> = {}): string {
  return fill(MESSAGES[current][key], vars);
}

/** A UI text in a given language (the language menu names each language in itself). */
export function tIn(l: Lang, key: UiKey): string {
  return MESSAGES[l][key];
}

/** Any three-language text in the current language. */
export function tx(text: Text, vars: Record<string, string | number> = {}): string {
  return fill(text[current], vars);
}

function fill(message: string, vars: Record<string, string | number>): string {
  return plurals(message, vars).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/**
 * ICU cardinal plurals, `{n, plural, =0 {ingen} one {# kommune} other {# kommuner}}`, by the language's
 * plural rules; `#` is the count. Not nested (tools/web-texts.ts refuses anything else).
 */
function plurals(message: string, vars: Record<string, string | number>): string {
  const start = /\{(\w+), plural,/g;
  let out = '';
  let from = 0;
  for (let m = start.exec(message); m; m = start.exec(message)) {
    const options = new Map<string, string>();
    let i = m.index + m[0].length;
    for (;;) {
      while (/\s/.test(message[i] ?? '')) i++;
      if (message[i] === '}' || i >= message.length) break;
      const key = /^[=\w]+/.exec(message.slice(i))![0];
      i += key.length;
      while (/\s/.test(message[i] ?? '')) i++;
      // the option's text: to its matching brace ({name} placeholders inside)
      let depth = 0;
      const open = ++i;
      for (; i < message.length && (message[i] !== '}' || depth > 0); i++)
        depth += message[i] === '{' ? 1 : message[i] === '}' ? -1 : 0;
      options.set(key, message.slice(open, i++));
    }
    const n = Number(vars[m[1]!]);
    const chosen =
      options.get(`=${n}`) ??
      options.get(new Intl.PluralRules(LOCALE[current]).select(n)) ??
      options.get('other');
    out += message.slice(from, m.index) + (chosen ?? '').replace(/#/g, formatNumber(n));
    from = i + 1;
    start.lastIndex = from;
  }
  return out + message.slice(from);
}

/** Values that appear in the tables, shown in words. Unknown values are shown as they are. */
let VALUES: Record<string, Text> = {};
/** Municipality code → name; only for municipality columns (a SE code such as 2023 is also a year). */
let MUNICIPALITIES: Record<string, string> = {};

/** The value labels come from the server (/api/meta), one list shared with the report. */
export function setValueLabels(
  labels: Record<string, Text>,
  municipalities: Record<string, string> = {},
): void {
  VALUES = labels;
  MUNICIPALITIES = municipalities;
}

/** A value in words; `column` names where it stands, for values whose meaning depends on the column. */
export function valueLabel(v: string, column = ''): string {
  if (column === 'municipality' && Object.hasOwn(MUNICIPALITIES, v)) return MUNICIPALITIES[v]!;
  const known = Object.hasOwn(VALUES, v) ? VALUES[v]![current] : undefined;
  if (known) return known;
  // the same patterns as src/labels/values.ts labelOf: per-field checks, "SEL-107@external"
  const pattern = /^(.+)_(format|required)$/.exec(v);
  const template = pattern ? VALUES[`*_${pattern[2]}`] : undefined;
  if (pattern && template) {
    const field = valueLabel(pattern[1]!);
    return template[current].replace(
      '{field}',
      /^\p{Lu}\p{Ll}/u.test(field) ? field.charAt(0).toLowerCase() + field.slice(1) : field,
    );
  }
  const at = /^(.+)@([a-z_]+)$/.exec(v);
  if (at && Object.hasOwn(VALUES, at[2]!)) return `${valueLabel(at[1]!)} (${VALUES[at[2]!]![current]})`;
  // Numeric ranges such as cost intervals and age bands: "50000-250000" → "50.000–250.000", "90+" → "90+".
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (range) return `${formatNumber(Number(range[1]))}–${formatNumber(Number(range[2]))}`;
  const open = /^(\d+)\s*\+$/.exec(v);
  if (open) return `${formatNumber(Number(open[1]))}+`;
  return v.replace(/_/g, ' ');
}

// ---- number and date formats that follow the language ----

export function formatNumber(n: number, decimals = 0): string {
  return new Intl.NumberFormat(LOCALE[current], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

/** Money from minor units (øre/öre) as whole kroner, e.g. 123456789 → "1.234.568 kr." (da). */
export function formatMoney(minor: number, decimals = 0): string {
  const kr = formatNumber(minor / 100, decimals);
  return current === 'da' ? `${kr} kr.` : current === 'sv' ? `${kr} kr` : `${kr} kr`;
}

/** Short money for axis ticks: "1,2 mio. kr." / "1,2 mn kr" / "1.2m kr". */
export function formatMoneyShort(minor: number): string {
  const kr = minor / 100;
  const compact = new Intl.NumberFormat(LOCALE[current], {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(kr);
  return `${compact} kr${current === 'da' ? '.' : ''}`;
}

export function formatShare(x: number): string {
  return new Intl.NumberFormat(LOCALE[current], { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

/** A date or timestamp (ISO) for the language: da 31-12-2024, sv 2024-12-31, en 31 Dec 2024. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const time = iso.length > 10 ? ` ${iso.slice(11, 16)}` : '';
  if (current === 'sv') return `${y}-${m}-${d}${time}`;
  if (current === 'da') return `${d}-${m}-${y}${time}`;
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${date}${time}`;
}
