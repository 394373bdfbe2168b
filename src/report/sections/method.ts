/** About the figures: how they were made. */
import { tr } from '../../i18n.js';
import type { Text } from '../../i18n.js';
import { escapeHtml as esc } from '../format.js';
import { msg, SECTION, type ReportData } from '../kit.js';

export function method(d: ReportData): string {
  const t = (x: Text) => tr(x, d.lang);
  return `<section aria-labelledby="method"><h2 id="method">${esc(t(SECTION.method))}</h2>
<p class="reading">${esc(t(msg('method.reading')))}</p></section>`;
}
