/**
 * Map PNG export: composites the map canvas and a legend panel (title, classes, attribution)
 * into one PNG blob. Browser-only; the caller passes the WebGL canvas (created with
 * `preserveDrawingBuffer: true`, or call this inside the map's `render` event) so its pixels
 * can be read.
 */

export interface LegendEntry {
  color: string;
  label: string;
}

export interface MapPngOptions {
  /** The map canvas (maplibre `map.getCanvas()`); deck.gl overlay canvas goes in `overlays`. */
  canvas: HTMLCanvasElement;
  /** Further canvases drawn on top at the same size (deck.gl interleaved or overlaid). */
  overlays?: HTMLCanvasElement[];
  title: string;
  subtitle?: string;
  legend: LegendEntry[];
  /** e.g. "No data" swatch, drawn after the classes. */
  noData?: LegendEntry;
  attribution: string;
  /** Output pixel ratio (default: the canvas's own). */
  scale?: number;
}

const PAD = 16;
const SWATCH = 14;
const LINE = 20;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A PNG of the map with its legend beside it and the attribution underneath. */
export async function exportMapPng(options: MapPngOptions): Promise<Blob> {
  const { canvas } = options;
  const ratio = options.scale ?? canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  const cssWidth = canvas.width / ratio;
  const cssHeight = canvas.height / ratio;
  const legendWidth = 220;
  const entries = options.noData ? [...options.legend, options.noData] : options.legend;

  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('Canvas 2D is not available in this browser.');
  measure.font = `12px ${FONT}`;
  const attributionLines = wrap(measure, options.attribution, cssWidth + legendWidth - 2 * PAD);
  const legendHeight = PAD * 2 + LINE * (2 + entries.length) + (options.subtitle ? LINE : 0);
  const width = cssWidth + legendWidth;
  const height = Math.max(cssHeight, legendHeight) + PAD + attributionLines.length * 16;

  const out = document.createElement('canvas');
  out.width = Math.round(width * ratio);
  out.height = Math.round(height * ratio);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available in this browser.');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(canvas, 0, 0, cssWidth, cssHeight);
  for (const overlay of options.overlays ?? []) ctx.drawImage(overlay, 0, 0, cssWidth, cssHeight);

  let y = PAD + 4;
  const x = cssWidth + PAD;
  ctx.fillStyle = '#111827';
  ctx.textBaseline = 'middle';
  ctx.font = `600 14px ${FONT}`;
  for (const line of wrap(ctx, options.title, legendWidth - 2 * PAD)) {
    ctx.fillText(line, x, y);
    y += LINE;
  }
  if (options.subtitle) {
    ctx.font = `12px ${FONT}`;
    ctx.fillStyle = '#4b5563';
    ctx.fillText(options.subtitle, x, y);
    y += LINE;
  }
  ctx.font = `12px ${FONT}`;
  y += 4;
  for (const entry of entries) {
    ctx.fillStyle = entry.color;
    ctx.fillRect(x, y - SWATCH / 2, SWATCH, SWATCH);
    ctx.strokeStyle = '#6b7280';
    ctx.lineWidth = 0.5;
    ctx.strokeRect(x, y - SWATCH / 2, SWATCH, SWATCH);
    ctx.fillStyle = '#111827';
    ctx.fillText(entry.label, x + SWATCH + 8, y);
    y += LINE;
  }
  ctx.fillStyle = '#4b5563';
  let ay = Math.max(cssHeight, legendHeight) + PAD / 2 + 8;
  for (const line of attributionLines) {
    ctx.fillText(line, PAD, ay);
    ay += 16;
  }
  return new Promise<Blob>((resolve, reject) => {
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The map could not be exported.'))),
      'image/png',
    );
  });
}

/** Saves a blob under `fileName` through a temporary link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
