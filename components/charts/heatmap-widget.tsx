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
import { nounsFor } from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { HeatmapTable, RankedAreasTable, SeasonTopTable } from './heatmap-table';
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
  const nouns = nounsFor(city.kind);
  const { mode, topN, rankType, season } = state;
  const query = useQuery(heatmapQuery(view, { mode, topN, rankType, season }));
  const options = useQuery({ ...filterOptionsQuery(view), enabled: showExtras });
  const levelLabel = city.levels.find((level) => level.id === view.level)?.label ?? view.level;
  const types = options.data?.type.map((o) => o.value) ?? query.data?.rows.map((r) => r.type) ?? [];

  const controls = (
    <>
      <fieldset className="chart-toggle">
        <legend className="visually-hidden">Columns</legend>
        {(['month', 'season'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="heatmap-mode"
              value={value}
              checked={mode === value}
              onChange={() => onState({ mode: value })}
            />
            {value === 'month' ? 'Months' : 'Seasons'}
          </label>
        ))}
      </fieldset>
      <label>
        Top{' '}
        <select
          value={topN}
          onChange={(event) => onState({ topN: Number(event.target.value) })}
          aria-label={`Number of ${nouns.types}`}
        >
          {(TOP_N_CHOICES as readonly number[])
            .concat(TOP_N_CHOICES.includes(topN as 10) ? [] : [topN])
            .map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
        </select>
      </label>
    </>
  );

  return (
    <ChartWidget
      id="heatmap"
      title={`Seasonal pattern of ${nouns.many}`}
      description={`Colour shows each cell's share of its row's total, so ${nouns.types} of different sizes can be compared; hover or focus a cell for the count.`}
      query={query}
      controls={controls}
      isEmpty={(data) => data.rows.length === 0}
      empty={`No ${nouns.many} match these filters.`}
      csv={(data) => buildCsv(data.meta, heatmapTable(data))}
      skeletonHeight={320}
    >
      {(data) => (
        <>
          {foldNote(data.meta.months, data.mode) ? (
            <p className="chart-note" data-testid="heatmap-fold-note">
              {foldNote(data.meta.months, data.mode)}
            </p>
          ) : null}
          <HeatmapTable data={data} nouns={nouns} />
          {showExtras ? (
            <div className="chart-columns">
              <div className="chart-subsection">
                <h4>
                  Top {data.topN} {nouns.types} per season
                </h4>
                <DownloadCsvButton
                  file={() => buildCsv(data.meta, seasonTopTable(data))}
                  label="Download CSV (seasons)"
                />
                <SeasonTopTable data={data} nouns={nouns} />
              </div>
              <div className="chart-subsection">
                <h4>
                  {levelLabel}s with the most of one {nouns.type}
                </h4>
                <form className="chart-form" onSubmit={(event) => event.preventDefault()}>
                  <label>
                    {nouns.type === 'type' ? 'Type' : 'Offence'}{' '}
                    <select
                      value={rankType ?? ''}
                      data-testid="rank-type"
                      onChange={(event) => onState({ rankType: event.target.value || undefined })}
                    >
                      <option value="">Choose…</option>
                      {types.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Season{' '}
                    <select
                      value={season ?? ''}
                      onChange={(event) =>
                        onState({ season: (event.target.value || undefined) as Season | undefined })
                      }
                    >
                      <option value="">All year</option>
                      {SEASONS.map((value) => (
                        <option key={value} value={value}>
                          {value}
                        </option>
                      ))}
                    </select>
                  </label>
                </form>
                {data.ranked ? (
                  <>
                    <DownloadCsvButton
                      file={() => buildCsv(data.meta, rankedAreasTable(data))}
                      label="Download CSV (areas)"
                    />
                    <RankedAreasTable data={data.ranked} levelLabel={levelLabel} />
                  </>
                ) : (
                  <p className="chart-empty">
                    Pick any of the {types.length} {nouns.types} to rank the{' '}
                    {levelLabel.toLowerCase()}s.
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
