'use client';
/** The selected area against the city: figures, top types, indexed monthly trend. */
import { useQuery } from '@tanstack/react-query';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { View } from '@/lib/view';
import type { AreaProfileResponse, ProfileFigure } from '@/lib/api/types';
import {
  areaFiguresTable,
  areaTopTypesTable,
  areaTrendTable,
  buildCsv,
} from '@/components/export/tables';
import { areaProfileQuery, chartSearch } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import { ChartWidget, DownloadCsvButton } from './widget';
import { feedPath } from '@/lib/feed/paths';
import { useLangParam } from '@/components/ui/language-switcher';
import { withLang } from '@/lib/i18n/locales';
import { useExportWords } from '@/components/export/use-export-words';
import type { ExportsT } from '@/components/export/words';
import { dayLabel, monthLabel, useChartWords, type ChartWords } from './use-chart-words';

function formatFigure(figure: ProfileFigure, value: number | null, fmt: ChartWords['fmt']): string {
  if (figure.key === 'on_time_pct') return fmt.pct(value);
  if (figure.key === 'median_days' || figure.key === 'p90_days') return fmt.days(value);
  if (figure.key === 'per_1000') return fmt.fixed(value, 1);
  return fmt.count(value);
}

const FIGURE_KEYS = ['per_1000', 'still_open', 'median_days', 'p90_days', 'on_time_pct'] as const;

function figureLabel(figure: ProfileFigure, cw: ChartWords): string {
  if (figure.key === 'requests') return cw.nouns.Many;
  const key = FIGURE_KEYS.find((k) => k === figure.key);
  return key ? cw.t(`profile.figure.${key}`) : figure.label;
}

export function AreaProfileView({
  data,
  cw,
  te,
}: {
  data: AreaProfileResponse;
  cw: ChartWords;
  te: ExportsT;
}) {
  const { t, fmt, nouns, noun, words } = cw;
  const area = data.meta.area;
  return (
    <>
      <table className="area-figures">
        <caption>
          {t('profile.caption', {
            area: area.name,
            city: data.meta.cityName,
            from: dayLabel(data.meta.from, words.locale),
            to: dayLabel(data.meta.to, words.locale),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.measure')}</th>
            <th scope="col">{area.name}</th>
            <th scope="col">{data.meta.cityName}</th>
          </tr>
        </thead>
        <tbody>
          {data.figures.map((figure) => (
            <tr key={figure.key} data-measure={figure.key}>
              <th scope="row">{figureLabel(figure, cw)}</th>
              <td>{formatFigure(figure, figure.area, fmt)}</td>
              <td>{formatFigure(figure, figure.city, fmt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="area-follow">
        <a
          href={feedPath({ city: data.meta.city, level: data.meta.level, area: area.key })}
          type="application/atom+xml"
          data-testid="follow-area"
        >
          {t('profile.follow')}
        </a>{' '}
        <span className="muted">{t('profile.feedNote')}</span>
      </p>
      <div className="chart-subsection">
        <h4>{t('profile.topTypes', { types: nouns.types, area: area.name })}</h4>
        <DownloadCsvButton
          file={() => buildCsv(data.meta, areaTopTypesTable(data, te), {}, te)}
          label={t('profile.downloadTopTypes')}
        />
        <table className="area-top-types">
          <thead>
            <tr>
              <th scope="col">{t('table.rank')}</th>
              <th scope="col">{t('table.typeHeading', { noun })}</th>
              <th scope="col">{t('table.count')}</th>
              <th scope="col">{t('profile.shareHere')}</th>
              <th scope="col">{t('profile.shareCity')}</th>
              {data.meta.hasResolution ? <th scope="col">{t('profile.medianToClose')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.topTypes.map((row) => (
              <tr key={row.type}>
                <td>{row.rank}</td>
                <th scope="row">{row.type}</th>
                <td>{fmt.count(row.count)}</td>
                <td>{fmt.pct(row.share)}</td>
                <td>{fmt.pct(row.cityShare)}</td>
                {data.meta.hasResolution ? <td>{fmt.days(row.p50Days)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="chart-subsection">
        <h4>{t('profile.trend')}</h4>
        <DownloadCsvButton
          file={() => buildCsv(data.meta, areaTrendTable(data, te), {}, te)}
          label={t('profile.downloadTrend')}
        />
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data.trend} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tickFormatter={(m: string) => monthLabel(m, words.locale)} />
            <YAxis width={40} tickFormatter={(v: number) => fmt.count(v)} />
            <ReferenceLine y={100} stroke="#9ca3af" />
            <Tooltip
              formatter={(v, name) => [fmt.fixed(Number(v), 1), String(name)]}
              labelFormatter={(l) => (typeof l === 'string' ? monthLabel(l, words.locale) : '')}
            />
            <Legend />
            <Line
              dataKey="areaIndex"
              name={area.name}
              stroke="#D55E00"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="cityIndex"
              name={data.meta.cityName}
              stroke="#0072B2"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}

export function AreaProfileWidget({ view, city }: { view: View; city: CitySummary }) {
  const cw = useChartWords(city.kind);
  const { t, nouns } = cw;
  const te = useExportWords();
  const lang = useLangParam();
  const query = useQuery({ ...areaProfileQuery(view), enabled: view.area !== undefined });
  if (view.area === undefined) return null;
  return (
    <ChartWidget
      id="area-profile"
      title={t('profile.title')}
      query={query}
      isEmpty={(data) => (data.figures.find((f) => f.key === 'requests')?.area ?? 0) === 0}
      empty={t('profile.empty', { many: nouns.many })}
      csv={(data) => buildCsv(data.meta, areaFiguresTable(data, te), {}, te)}
      controls={
        <a
          className="chart-download"
          href={withLang(`/report?${chartSearch(view)}`, lang)}
          data-testid="print-briefing"
        >
          {t('profile.print')}
        </a>
      }
    >
      {(data) => <AreaProfileView data={data} cw={cw} te={te} />}
    </ChartWidget>
  );
}
