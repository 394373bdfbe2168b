/**
 * One chart as a static SVG string, drawn by ECharts on the server (no DOM, no scripts): the report's
 * charts (src/report/charts.ts) and a person's timeline (src/trajectories/chart.ts) use it. The root
 * is an image (role="img") named by its title and described by its description, for screen readers.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

const FONT = 'system-ui, sans-serif';

/**
 * Text widths for layout (legends, wrapping, room for labels). Without a canvas ECharts estimates
 * with narrow Helvetica widths, but a reader's system-ui or DejaVu Sans is wider, and legend entries
 * would overlap: estimate generously, 0.62 em a character and 0.72 em a capital or digit.
 */
export function measure(text: string, size = 12): number {
  let em = 0;
  for (const c of text) em += /[A-ZÆØÅÄÖ0-9]/.test(c) ? 0.72 : c === ' ' ? 0.32 : 0.62;
  return em * size;
}

echarts.setPlatformAPI({
  measureText: (text = '', font = '12px sans-serif') =>
    ({ width: measure(text, Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12)) }) as TextMetrics,
});

export interface SvgChart {
  title: string;
  desc: string;
  /** the chart's own size; the SVG keeps it as a viewBox and scales to its container */
  width?: number;
  height: number;
  /** the ECharts option; colours, fonts and animation default here */
  option: EChartsOption;
  palette?: string[];
}

export function renderSvg(o: SvgChart): string {
  const width = o.width ?? 720;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: o.height });
  try {
    chart.setOption({
      animation: false,
      ...(o.palette ? { color: o.palette } : {}),
      textStyle: { fontFamily: FONT, fontSize: 13, color: '#1b1b1b' },
      ...o.option,
    });
    const id = `c${Math.abs(hash(o.title + o.desc)).toString(36)}`;
    return (
      chart
        .renderToSVGString()
        // hover styles and hydration marks are for live charts; this one is a picture
        .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
        .replace(/ (class="zr\d+-cls-\d+"|ecmeta_[a-z_]+="[^"]*")/g, '')
        // no clip paths (the axes' ranges hold every mark), so the SVG has no url() references
        .replace(/ clip-path="url\(#[^"]*\)"/g, '')
        .replace(/<clipPath[^>]*>[\s\S]*?<\/clipPath>/g, '')
        // never drawn larger than its own size: a small chart (one department) would otherwise scale up its text
        .replace(
          /^<svg /,
          `<svg role="img" aria-labelledby="${id}t ${id}d" font-family="${FONT}" style="max-width:${width}px" `,
        )
        .replace(
          /^(<svg[^>]*>)/,
          `$1<title id="${id}t">${esc(o.title)}</title><desc id="${id}d">${esc(o.desc)}</desc>`,
        )
        .replace(/\n/g, '')
    );
  } finally {
    chart.dispose();
  }
}

const esc = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
