/** /status: the freshness facts of every city, the same as GET /api/status. */
import { isWarehouseError } from '@/lib/api/route';
import { getServerStatus } from '@/lib/server/status';
import { CADENCE_MAX_AGE_HOURS } from '@/lib/freshness';
import '@/components/status/status.css';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Atlas 311 · Data status' };

const day = (value: string | null | undefined) => value?.slice(0, 10) ?? '—';
const time = (value: string | null | undefined) =>
  value ? `${value.slice(0, 16).replace('T', ' ')} UTC` : '—';

export default async function StatusPage() {
  let status;
  try {
    status = await getServerStatus();
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    return <p role="alert">{error.message}</p>;
  }
  return (
    <main className="status-page">
      <h1>Data status</h1>
      <p className="muted">
        A live city is stale when its last publish that brought rows is older than its cadence
        allows (daily {CADENCE_MAX_AGE_HOURS.daily} h, weekly {CADENCE_MAX_AGE_HOURS.weekly / 24}{' '}
        days, monthly {CADENCE_MAX_AGE_HOURS.monthly / 24} days): a run that loads zero rows is a
        warning, not a publish. Bundled samples are static snapshots and are not stale by age.{' '}
        <a href="/">Back to the dashboard</a>
      </p>
      <table className="status-table">
        <thead>
          <tr>
            <th scope="col">City</th>
            <th scope="col">Status</th>
            <th scope="col">Cadence</th>
            <th scope="col">Data to</th>
            <th scope="col">Source watermark</th>
            <th scope="col">Last run</th>
            <th scope="col">Last successful publish</th>
            <th scope="col" className="num">
              Rows published
            </th>
            <th scope="col" className="num">
              Quarantined
            </th>
            <th scope="col" className="num">
              Unmapped
            </th>
            <th scope="col">Months covered</th>
          </tr>
        </thead>
        <tbody>
          {status.cities.map((c) => (
            <tr key={c.city} data-testid={`status-${c.city}`} data-stale={c.stale}>
              <th scope="row">{c.name}</th>
              <td>
                {c.stale ? <strong className="stale-text">Stale</strong> : 'Current'}
                {c.freshness.mode === 'sample' ? ' (bundled sample)' : ''}
                <br />
                <span className="muted small">{c.freshness.message}</span>
              </td>
              <td>{c.cadence}</td>
              <td>{day(c.dataTo)}</td>
              <td>
                {c.watermark && /^\d{4}-/.test(c.watermark)
                  ? c.watermark
                  : c.watermark
                    ? `file ${c.watermark.slice(0, 12)}`
                    : '—'}
              </td>
              <td>
                {c.lastRun ? `${c.lastRun.status} ${time(c.lastRun.finished)}` : '—'}
                {c.lastRun?.step ? ` (step: ${c.lastRun.step})` : ''}
              </td>
              <td>{time(c.lastSuccess?.finished)}</td>
              <td className="num">{c.rowsLoaded.toLocaleString('en-US')}</td>
              <td className="num">{c.rowsQuarantined.toLocaleString('en-US')}</td>
              <td className="num">{c.rowsUnmapped.toLocaleString('en-US')}</td>
              <td>
                {c.monthsCovered} ({c.firstMonth?.slice(0, 7) ?? '—'} to{' '}
                {c.lastMonth?.slice(0, 7) ?? '—'})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Generated {time(status.generatedAt)}.</p>
    </main>
  );
}
