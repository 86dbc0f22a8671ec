import type { HeatmapMode } from '@/lib/heatmap-shape';

/** Said beside the heatmap when its month columns add up more than one year. */
export function foldNote(months: number, mode: HeatmapMode): string | null {
  if (months <= 12) return null;
  const years = (months / 12).toFixed(months % 12 ? 1 : 0);
  return mode === 'season'
    ? `This range covers ${months} months (${years} years): each season column adds up that season of every year in it.`
    : `This range covers ${months} months (${years} years): each month column adds up that month of every year in it (August is every August in the range).`;
}
