import type { TimelineEvent } from './timeline.js';

/**
 * A person's timeline as a self-contained SVG: one lane per sector, a bar per event from start to end
 * (a dot for one-day events). It carries codes and dates only — no key, no identifier.
 */
const LANES: TimelineEvent['sector'][] = ['hospital', 'general_practice', 'municipal', 'regional'];
const COLOURS: Record<TimelineEvent['sector'], string> = {
  hospital: '#b2182b',
  general_practice: '#2166ac',
  municipal: '#1b7837',
  regional: '#8c510a',
};

const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const day = (s: string) => Date.parse(`${s.slice(0, 10)}T00:00:00Z`) / 86_400_000;

export function timelineSvg(
  events: TimelineEvent[],
  labels: Record<TimelineEvent['sector'], string>,
): string {
  const width = 900;
  const left = 140;
  const lane = 36;
  const height = 40 + LANES.length * lane;
  if (events.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"></svg>`;
  const first = Math.min(...events.map((e) => day(e.start)));
  const last = Math.max(...events.map((e) => day(e.end ?? e.start))) + 1;
  const x = (d: number) => left + ((d - first) / Math.max(1, last - first)) * (width - left - 20);
  const parts = LANES.map(
    (s, i) =>
      `<text x="8" y="${30 + i * lane + 18}" font-size="12" font-family="sans-serif">${esc(labels[s])}</text>` +
      `<line x1="${left}" x2="${width - 20}" y1="${30 + i * lane + 14}" y2="${30 + i * lane + 14}" stroke="#ddd"/>`,
  );
  for (const e of events) {
    const y = 30 + LANES.indexOf(e.sector) * lane + 6;
    const x0 = x(day(e.start));
    const x1 = x(day(e.end ?? e.start) + 1);
    const title = `<title>${esc(`${e.start.slice(0, 10)}${e.end ? ` – ${e.end.slice(0, 10)}` : ''} ${e.kind} ${e.code ?? ''}`)}</title>`;
    parts.push(
      x1 - x0 < 3
        ? `<circle cx="${x0}" cy="${y + 8}" r="4" fill="${COLOURS[e.sector]}">${title}</circle>`
        : `<rect x="${x0}" y="${y}" width="${x1 - x0}" height="16" fill="${COLOURS[e.sector]}" opacity="0.7">${title}</rect>`,
    );
  }
  parts.push(
    `<text x="${left}" y="18" font-size="11" font-family="sans-serif">${esc(events[0]!.start.slice(0, 10))}</text>`,
    `<text x="${width - 20}" y="18" font-size="11" font-family="sans-serif" text-anchor="end">${esc(
      new Date((last - 1) * 86_400_000).toISOString().slice(0, 10),
    )}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">${parts.join('')}</svg>`;
}
