'use client';
/** The weekday × hour grid as a real table, cells coloured like the seasonal heatmap. */
import type { PatternsResponse } from '@/lib/api/types';
import { hourLabel } from '@/lib/patterns-shape';
import { shareColor } from '@/components/charts/heatmap-table';
import { formatCount } from '@/components/charts/chart-types';

export function PatternsHeatmap({
  data,
  nouns,
}: {
  data: PatternsResponse;
  nouns: { many: string };
}) {
  const max = Math.max(0, ...data.rows.flatMap((row) => row.counts));
  const scope = data.meta.area ? data.meta.area.name : data.meta.cityName;
  return (
    <div className="heatmap-scroll">
      <table className="heatmap patterns-heatmap" data-testid="patterns-grid">
        <caption>
          {nouns.many[0]?.toUpperCase()}
          {nouns.many.slice(1)} in {scope} by weekday and hour of opening, {data.meta.from} to{' '}
          {data.meta.to}, local time ({data.timezone}); darker cells had more.
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {data.rows[0]?.counts.map((_, hour) => (
              <th scope="col" key={hour} title={hourLabel(hour)}>
                {hour}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.weekday}>
              <th scope="row">{row.label.slice(0, 3)}</th>
              {row.counts.map((count, hour) => {
                const style = shareColor(max > 0 ? count / max : null, 1);
                const text = `${row.label}, ${hourLabel(hour)}–${hourLabel(hour + 1)}: ${formatCount(count)} ${nouns.many}`;
                return (
                  <td
                    key={hour}
                    style={style}
                    title={text}
                    aria-label={text}
                    data-weekday={row.weekday}
                    data-hour={hour}
                    data-count={count}
                  >
                    {count > 0 ? formatCount(count) : ''}
                  </td>
                );
              })}
              <td className="heatmap-total">{formatCount(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
