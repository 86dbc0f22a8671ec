'use client';
/** The weekday × hour grid as a real table, cells coloured like the seasonal heatmap. */
import type { PatternsResponse } from '@/lib/api/types';
import { localHourLabel, weekdayName } from '@/lib/patterns-shape';
import { shareColor } from '@/components/charts/heatmap-table';
import { dayLabel, type ChartWords } from '@/components/charts/use-chart-words';
import type { PatternsT } from './patterns-widget';

export function PatternsHeatmap({
  data,
  cw,
  t,
}: {
  data: PatternsResponse;
  cw: ChartWords;
  t: PatternsT;
}) {
  const { fmt, nouns, words } = cw;
  const locale = words.locale;
  const max = Math.max(0, ...data.rows.flatMap((row) => row.counts));
  const scope = data.meta.area ? data.meta.area.name : data.meta.cityName;
  return (
    <div className="heatmap-scroll">
      <table className="heatmap patterns-heatmap" data-testid="patterns-grid">
        <caption>
          {t('caption', {
            Many: nouns.Many,
            scope,
            from: dayLabel(data.meta.from, cw.words.locale),
            to: dayLabel(data.meta.to, cw.words.locale),
            timezone: data.timezone,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('day')}</th>
            {data.rows[0]?.counts.map((_, hour) => (
              <th scope="col" key={hour} title={localHourLabel(hour, locale)}>
                {hour}
              </th>
            ))}
            <th scope="col">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => {
            const day = weekdayName(row.weekday, locale);
            return (
              <tr key={row.weekday}>
                <th scope="row" title={day}>
                  {locale === 'en' ? day.slice(0, 3) : weekdayName(row.weekday, locale, 'short')}
                </th>
                {row.counts.map((count, hour) => {
                  const style = shareColor(max > 0 ? count / max : null, 1);
                  const text = t('cell', {
                    day,
                    from: localHourLabel(hour, locale),
                    to: localHourLabel(hour + 1, locale),
                    count: fmt.count(count),
                    many: nouns.many,
                  });
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
                      {count > 0 ? fmt.count(count) : ''}
                    </td>
                  );
                })}
                <td className="heatmap-total">{fmt.count(row.total)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
