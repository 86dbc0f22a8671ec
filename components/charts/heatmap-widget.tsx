'use client';
/** Seasonal heatmap widget: mode and top-N controls, top types per season, areas for a type. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { View } from '@/lib/view';
import { SEASONS, type HeatmapMode, type Season } from '@/lib/heatmap-shape';
import {
  buildCsv,
  heatmapTable,
  rankedAreasTable,
  seasonTopTable,
} from '@/components/export/tables';
import { heatmapQuery } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import { nounsFor } from '@/lib/api/texts';
import { HeatmapTable, RankedAreasTable, SeasonTopTable } from './heatmap-table';
import { ChartWidget, DownloadCsvButton } from './widget';

const TOP_N_CHOICES = [5, 10, 15, 20, 30] as const;

export function HeatmapWidget({
  view,
  city,
  showExtras = true,
  initialMode = 'month',
  initialTopN = 10,
}: {
  view: View;
  city: CitySummary;
  showExtras?: boolean;
  initialMode?: HeatmapMode;
  initialTopN?: number;
}) {
  const nouns = nounsFor(city.kind);
  const [mode, setMode] = useState<HeatmapMode>(initialMode);
  const [topN, setTopN] = useState(initialTopN);
  const [rankType, setRankType] = useState('');
  const [season, setSeason] = useState<Season | ''>('');
  const query = useQuery(
    heatmapQuery(view, {
      mode,
      topN,
      rankType: rankType || undefined,
      season: season || undefined,
    }),
  );
  const levelLabel = city.levels.find((level) => level.id === view.level)?.label ?? view.level;

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
              onChange={() => setMode(value)}
            />
            {value === 'month' ? 'Months' : 'Seasons'}
          </label>
        ))}
      </fieldset>
      <label>
        Top{' '}
        <select
          value={topN}
          onChange={(event) => setTopN(Number(event.target.value))}
          aria-label={`Number of ${nouns.types}`}
        >
          {TOP_N_CHOICES.map((n) => (
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
          <HeatmapTable data={data} nouns={nouns} />
          {showExtras ? (
            <>
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
                    <select value={rankType} onChange={(event) => setRankType(event.target.value)}>
                      <option value="">Choose…</option>
                      {data.rows.map((row) => (
                        <option key={row.type} value={row.type}>
                          {row.type}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Season{' '}
                    <select
                      value={season}
                      onChange={(event) => setSeason(event.target.value as Season | '')}
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
                    Pick a {nouns.type} to rank the {levelLabel.toLowerCase()}s.
                  </p>
                )}
              </div>
            </>
          ) : null}
        </>
      )}
    </ChartWidget>
  );
}
