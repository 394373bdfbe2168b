/** Downloads made in the browser: a chart's SVG as it is or drawn onto a canvas at twice its size as PNG; a text (JSON). */

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text the page holds (e.g. a figure's lineage as JSON), saved as a file. */
export function downloadText(text: string, filename: string, type = 'application/json'): void {
  save(new Blob([text], { type }), filename);
}

function serialise(svg: SVGElement): string {
  const copy = svg.cloneNode(true) as SVGElement;
  const [, , w, hgt] = (svg.getAttribute('viewBox') ?? '0 0 760 300').split(' ');
  copy.setAttribute('width', w ?? '760');
  copy.setAttribute('height', hgt ?? '300');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

export function downloadSvg(svg: SVGElement, filename: string): void {
  save(new Blob([serialise(svg)], { type: 'image/svg+xml' }), `${filename}.svg`);
}

export async function downloadPng(svg: SVGElement, filename: string): Promise<void> {
  const [, , w, hgt] = (svg.getAttribute('viewBox') ?? '0 0 760 300').split(' ').map(Number);
  const scale = 2;
  const url = URL.createObjectURL(new Blob([serialise(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = (w ?? 760) * scale;
    canvas.height = (hgt ?? 300) * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) save(blob, `${filename}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
