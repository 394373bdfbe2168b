/** Names of the values that appear in the report (target groups, quadrants, areas …) in da, sv and en. */
import type { Lang, Text } from '../i18n.js';
import { labelOf, VALUE_LABELS } from '../labels/values.js';

/** The reader's name for a stored value; unknown values are shown as they are, underscores as spaces. */
export function valueLabel(value: unknown, lang: Lang, extra: Record<string, Text> = {}): string {
  const s = value === null || value === undefined ? '' : String(value);
  const t = Object.hasOwn(extra, s) ? extra[s] : undefined;
  if (t) return t[lang];
  return labelOf(s, lang, VALUE_LABELS);
}
