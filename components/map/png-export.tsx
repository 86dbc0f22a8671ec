'use client';

/**
 * "Download PNG": the choropleth redrawn into a 2D canvas from the same features and colours the
 * map shows (so it needs no WebGL buffer), composed with its legend and attribution by
 * components/export/png.ts.
 */
import type { FeatureCollection, Position } from 'geojson';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useWords } from '@/lib/i18n/words';
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import { csvFileName } from '@/components/export/csv';
import { downloadBlob, exportMapPng, type LegendEntry } from '@/components/export/png';
import type { View } from '@/lib/view';
import { NO_DATA_COLOR, type Rgb } from '@/lib/palette';
import { classLabels, ENGLISH_CLASS_WORDS, useClassWords, type ClassWords } from './legend-labels';
import { joinAreas, paletteFor, type AreaFeature } from './transforms';

const WIDTH = 960;
const PADDING = 12;

const css = (rgb: Rgb) => `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;

/** Web Mercator, scaled to fit the features in a canvas WIDTH wide. */
export function drawChoropleth(features: AreaFeature[]): HTMLCanvasElement {
  const project = ([lon, lat]: Position): [number, number] => [
    ((lon ?? 0) * Math.PI) / 180,
    Math.log(Math.tan(Math.PI / 4 + ((lat ?? 0) * Math.PI) / 360)),
  ];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const shapes = features.map((feature) => {
    const polygons =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    const projected = polygons.map((rings) =>
      rings.map((ring) =>
        ring.map((position) => {
          const [x, y] = project(position);
          [minX, minY, maxX, maxY] = [
            Math.min(minX, x),
            Math.min(minY, y),
            Math.max(maxX, x),
            Math.max(maxY, y),
          ];
          return [x, y] as const;
        }),
      ),
    );
    return { feature, projected };
  });
  const scale = (WIDTH - 2 * PADDING) / Math.max(maxX - minX, 1e-9);
  const height = Math.ceil((maxY - minY) * scale + 2 * PADDING);
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.fillStyle = '#eef1f4';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.lineWidth = 0.75;
  ctx.strokeStyle = '#ffffff';
  for (const { feature, projected } of shapes) {
    ctx.beginPath();
    for (const rings of projected) {
      for (const ring of rings) {
        ring.forEach(([x, y], i) => {
          const px = PADDING + (x - minX) * scale;
          const py = PADDING + (maxY - y) * scale;
          if (i === 0) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        });
        ctx.closePath();
      }
    }
    ctx.fillStyle = css(feature.properties.color);
    ctx.fill('evenodd');
    ctx.stroke();
  }
  return canvas;
}

export function legendEntries(
  data: ChoroplethResponse,
  words: ClassWords = ENGLISH_CLASS_WORDS,
  areas: (count: number) => string = (count) => `${count} ${count === 1 ? 'area' : 'areas'}`,
): LegendEntry[] {
  const colors = paletteFor(data);
  const labels = classLabels(data, words);
  return colors.map((color, i) => {
    const label = labels[i] ?? '';
    const count = data.classCounts[i];
    return {
      color: css(color),
      label: count === undefined ? label : `${label} (${areas(count)})`,
    };
  });
}

export function PngExportButton({
  boundary,
  data,
  view,
  city,
}: {
  boundary: FeatureCollection;
  data: ChoroplethResponse;
  view: View;
  city: CitySummary;
}) {
  const t = useTranslations('map');
  const words = useWords();
  const classWords = useClassWords();
  const [busy, setBusy] = useState(false);
  const level = city.levels.find((l) => l.id === view.level);
  const onClick = async () => {
    setBusy(true);
    try {
      const canvas = drawChoropleth(joinAreas(boundary, data));
      const blob = await exportMapPng({
        canvas,
        scale: 1,
        title: t('pngTitle', {
          measure: words.metricLabel(data.metric, city.kind, data.duplicates?.mode),
          level: level?.label.toLowerCase() ?? view.level,
          city: city.name,
        }),
        subtitle: t('periodRange', { from: data.from, to: data.to }),
        legend: legendEntries(data, classWords, (count) => t('areas', { count })),
        noData: { color: css(NO_DATA_COLOR), label: words.format.value(null, data.metric) },
        attribution: `Atlas 311. ${city.attribution}`,
      });
      const name = csvFileName({
        city: city.id,
        level: view.level,
        metric: data.metric,
        from: data.from,
        to: data.to,
        widget: 'map',
        extra: {
          type: view.type,
          category: view.category,
          channel: view.channel,
          division: view.division,
          status: view.status,
        },
      }).replace(/\.csv$/, '.png');
      downloadBlob(blob, name);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={() => void onClick()} disabled={busy} data-testid="export-png">
      {busy ? t('preparingPng') : t('downloadPng')}
    </button>
  );
}
