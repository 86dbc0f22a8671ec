/**
 * A chart's data as a table (label, count, share of the whole), folded under "Data as a table"
 * so a hidden or unreadable chart's figures are still reachable.
 */
'use client';
import { useTranslations } from 'next-intl';
import { useChartFormat } from './use-chart-words';

export interface ShareRow {
  key: string;
  label: string;
  count: number;
  share: number | null;
}

export function ShareTable({
  caption,
  labelHeading,
  countHeading,
  rows,
}: {
  caption: string;
  labelHeading: string;
  countHeading: string;
  rows: readonly ShareRow[];
}) {
  const t = useTranslations('charts');
  const fmt = useChartFormat();
  return (
    <details className="chart-data">
      <summary>{t('table.summary')}</summary>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col" className="num">
              {countHeading}
            </th>
            <th scope="col" className="num">
              {t('table.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{fmt.count(row.count)}</td>
              <td className="num">{fmt.pct(row.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
