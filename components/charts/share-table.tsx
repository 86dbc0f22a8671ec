/**
 * A chart's data as a table (label, count, share of the whole), folded under "Data as a table"
 * so a hidden or unreadable chart's figures are still reachable.
 */
import { formatCount, formatPct } from './chart-types';

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
  return (
    <details className="chart-data">
      <summary>Data as a table</summary>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col" className="num">
              {countHeading}
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatCount(row.count)}</td>
              <td className="num">{formatPct(row.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
