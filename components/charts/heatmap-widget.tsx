'use client';
/** Seasonal heatmap widget: mode and top-N controls, top types per season, areas for any type. */
import { useQuery } from '@tanstack/react-query';
import { filterOptionsQuery } from '@/lib/api/query-options';
import type { View } from '@/lib/view';
import { SEASONS, type HeatmapMode, type Season } from '@/lib/heatmap-shape';
import {
  buildCsv,
  heatmapTable,
  rankedAreasTable,
  seasonTopTable,
} from '@/components/export/tables';
import { TOP_N_CHOICES } from '@/components/dashboard/ui-state';
import { heatmapQuery } from '@/lib/api/query-options';
import { foldNote } from './heatmap-fold';
import type { CitySummary } from '@/lib/api/types';
import { useExportWords } from '@/components/export/use-export-words';
import { HeatmapTable, RankedAreasTable, SeasonTopTable, seasonName } from './heatmap-table';
import { useChartWords } from './use-chart-words';
import { ChartWidget, DownloadCsvButton } from './widget';

export interface HeatmapState {
  mode: HeatmapMode;
  topN: number;
  rankType?: string;
  season?: Season;
}

export function HeatmapWidget({
  view,
  city,
  showExtras = true,
  state,
  onState,
}: {
  view: View;
  city: CitySummary;
  showExtras?: boolean;
  state: HeatmapState;
  onState: (patch: Partial<HeatmapState>) => void;
}) {
  const cw = useChartWords(city.kind);
  const { t, fmt, nouns, noun } = cw;
  const te = useExportWords();
  const { mode, topN, rankType, season } = state;
  const query = useQuery(heatmapQuery(view, { mode, topN, rankType, season }));
  const options = useQuery({ ...filterOptionsQuery(view), enabled: showExtras });
  const levelLabel = city.levels.find((level) => level.id === view.level)?.label ?? view.level;
  const types = options.data?.type.map((o) => o.value) ?? query.data?.rows.map((r) => r.type) ?? [];

  const controls = (
    <>
      <fieldset className="chart-toggle">
        <legend className="visually-hidden">{t('heatmap.columns')}</legend>
        {(['month', 'season'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="heatmap-mode"
              value={value}
              checked={mode === value}
              onChange={() => onState({ mode: value })}
            />
            {value === 'month' ? t('heatmap.months') : t('heatmap.seasons')}
          </label>
        ))}
      </fieldset>
      <label>
        {t('heatmap.top')}{' '}
        <select
          value={topN}
          onChange={(event) => onState({ topN: Number(event.target.value) })}
          aria-label={t('heatmap.topCount', { types: nouns.types })}
        >
          {(TOP_N_CHOICES as readonly number[])
            .concat(TOP_N_CHOICES.includes(topN as 10) ? [] : [topN])
            .map((n) => (
              <option key={n} value={n}>
                {fmt.count(n)}
              </option>
            ))}
        </select>
      </label>
    </>
  );

  return (
    <ChartWidget
      id="heatmap"
      title={t('heatmap.title', { many: nouns.many })}
      description={t('heatmap.description', { types: nouns.types })}
      query={query}
      controls={controls}
      isEmpty={(data) => data.rows.length === 0}
      empty={t('widget.noneMatch', { many: nouns.many })}
      csv={(data) => buildCsv(data.meta, heatmapTable(data, te), {}, te)}
      skeletonHeight={320}
    >
      {(data) => (
        <>
          {foldNote(data.meta.months, data.mode, cw) ? (
            <p className="chart-note" data-testid="heatmap-fold-note">
              {foldNote(data.meta.months, data.mode, cw)}
            </p>
          ) : null}
          <HeatmapTable data={data} cw={cw} />
          {showExtras ? (
            <div className="chart-columns">
              <div className="chart-subsection">
                <h4>
                  {t('heatmap.topPerSeason', { count: fmt.count(data.topN), types: nouns.types })}
                </h4>
                <DownloadCsvButton
                  file={() => buildCsv(data.meta, seasonTopTable(data, te), {}, te)}
                  label={t('heatmap.downloadSeasons')}
                />
                <SeasonTopTable data={data} cw={cw} />
              </div>
              <div className="chart-subsection">
                <h4>{t('heatmap.mostOfOne', { level: levelLabel, type: nouns.type })}</h4>
                <form className="chart-form" onSubmit={(event) => event.preventDefault()}>
                  <label>
                    {t('table.typeHeading', { noun })}{' '}
                    <select
                      value={rankType ?? ''}
                      data-testid="rank-type"
                      onChange={(event) => onState({ rankType: event.target.value || undefined })}
                    >
                      <option value="">{t('heatmap.choose')}</option>
                      {types.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('heatmap.season')}{' '}
                    <select
                      value={season ?? ''}
                      onChange={(event) =>
                        onState({ season: (event.target.value || undefined) as Season | undefined })
                      }
                    >
                      <option value="">{t('heatmap.allYear')}</option>
                      {SEASONS.map((value) => (
                        <option key={value} value={value}>
                          {seasonName(value, cw)}
                        </option>
                      ))}
                    </select>
                  </label>
                </form>
                {data.ranked ? (
                  <>
                    <DownloadCsvButton
                      file={() => buildCsv(data.meta, rankedAreasTable(data, te), {}, te)}
                      label={t('heatmap.downloadAreas')}
                    />
                    <RankedAreasTable data={data.ranked} levelLabel={levelLabel} cw={cw} />
                  </>
                ) : (
                  <p className="chart-empty">
                    {t('heatmap.pick', {
                      count: fmt.count(types.length),
                      types: nouns.types,
                      level: levelLabel.toLowerCase(),
                    })}
                  </p>
                )}
              </div>
            </div>
          ) : null}
        </>
      )}
    </ChartWidget>
  );
}
