import type { CustomSeriesRenderItem } from 'echarts';
import { t } from '../core/messages.js';
import { renderSvg } from '../core/svg-chart.js';
import type { Lang } from '../i18n.js';
import type { TimelineEvent } from './timeline.js';

/**
 * A person's timeline as a self-contained SVG (drawn by ECharts): one lane per sector, a bar per event
 * from start to end (a dot for one-day events). It carries codes and dates only — no key, no identifier.
 */
const LANES: TimelineEvent['sector'][] = ['hospital', 'general_practice', 'municipal', 'regional'];
const COLOURS: Record<TimelineEvent['sector'], string> = {
  hospital: '#b2182b',
  general_practice: '#2166ac',
  municipal: '#1b7837',
  regional: '#8c510a',
};
const DAY = 86_400_000;
const day = (s: string) => Date.parse(`${s.slice(0, 10)}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One rectangle (or dot) per event: [start ms, end ms (exclusive), lane]. */
const renderItem: CustomSeriesRenderItem = (_params, api) => {
  const lane = Number(api.value(2));
  const [x0, y] = api.coord([api.value(0), lane]) as [number, number];
  const [x1] = api.coord([api.value(1), lane]) as [number, number];
  const colour = COLOURS[LANES[lane]!];
  return x1 - x0 < 3
    ? { type: 'circle', shape: { cx: x0, cy: y, r: 4 }, style: { fill: colour } }
    : {
        type: 'rect',
        shape: { x: x0, y: y - 8, width: x1 - x0, height: 16 },
        style: { fill: colour, opacity: 0.7 },
      };
};

export function timelineSvg(
  events: TimelineEvent[],
  labels: Record<TimelineEvent['sector'], string>,
  lang: Lang = 'da',
): string {
  const first = Math.min(...events.map((e) => day(e.start)));
  const last = Math.max(...events.map((e) => day(e.end ?? e.start))) + DAY;
  return renderSvg({
    title: t(lang, 'charts.timeline_title'),
    desc: events.length
      ? t(lang, 'charts.timeline_desc', { events: events.length, first: iso(first), last: iso(last - DAY) })
      : t(lang, 'charts.timeline_desc', { events: 0, first: '–', last: '–' }),
    width: 900,
    height: 60 + LANES.length * 36,
    option: {
      grid: { left: 10, right: 30, top: 30, bottom: 10, containLabel: true },
      xAxis: {
        type: 'time',
        position: 'top',
        ...(events.length ? { min: first, max: last } : {}),
        axisLabel: { color: '#1b1b1b', fontSize: 11, formatter: (v: number) => iso(v), hideOverlap: true },
        splitLine: { show: true, lineStyle: { color: '#eeeeee' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: LANES.map((s) => labels[s]),
        axisLabel: { color: '#1b1b1b', fontSize: 12 },
        splitLine: { show: true, lineStyle: { color: '#dddddd' } },
      },
      series: [
        {
          type: 'custom',
          renderItem,
          encode: { x: [0, 1], y: 2 },
          data: events.map((e) => [day(e.start), day(e.end ?? e.start) + DAY, LANES.indexOf(e.sector)]),
        },
      ],
    },
  });
}
