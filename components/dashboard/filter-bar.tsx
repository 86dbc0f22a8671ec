'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { filterOptionsQuery } from '@/lib/api/query-options';
import { nounOf } from '@/lib/i18n/words';
import type { CitySummary } from '@/lib/api/types';
import {
  changeCity,
  changeLevel,
  changeMetric,
  clampDates,
  CLASSIFICATIONS,
  COMPARISONS,
  compareUnsupportedReason,
  type Comparison,
  DUPLICATE_MODES,
  hotspotsUnsupportedReason,
  metricUnsupportedReason,
  type Classification,
  type Metric,
  type View,
} from '@/lib/view';
import { currentPreset, DATE_PRESETS, presetRange, type DatePreset } from './dates';
import { MultiSelect } from './multi-select';
import { filterSummary, useViewWords } from './view-words';

export interface FilterBarProps {
  view: View;
  cities: CitySummary[];
  city: CitySummary;
  update: (patch: Partial<View>) => void;
}

export function FilterBar(props: FilterBarProps) {
  const [open, setOpen] = useState(false);
  const say = useViewWords();
  return (
    <div className="filter-shell" data-open={open}>
      <button
        type="button"
        className="filter-summary"
        aria-expanded={open}
        aria-controls="filter-bar"
        data-testid="filter-summary"
        onClick={() => setOpen(!open)}
      >
        <span className="filter-summary-text">{filterSummary(props.view, props.city, say)}</span>
        <span className="filter-summary-action">
          {open ? say.t('filters.done') : say.t('filters.change')}
        </span>
      </button>
      <FilterForm {...props} />
    </div>
  );
}

function FilterForm({ view, cities, city, update }: FilterBarProps) {
  const { t, words } = useViewWords();
  const options = useQuery({ ...filterOptionsQuery(view), enabled: city.loaded });
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0];
  const preset = currentPreset(view, city.firstMonth, city.lastMonth);
  const hotspotsAllowed = !!level && hotspotsUnsupportedReason(view, level) === null;
  // Why a level has no map, in the page's language (the API's `reason` is the English of this).
  const levelReason = (label: string) =>
    t('filters.levelUnavailable', {
      city: city.name,
      noun: nounOf(city.kind),
      from: options.data?.from ?? '',
      to: options.data?.to ?? '',
      level: label.toLowerCase(),
    });

  const setMetric = (metric: Metric) => update(changeMetric(view, metric));

  const setPreset = (next: DatePreset) => {
    if (next === 'custom') {
      const range = presetRange('12m', city.firstMonth, city.lastMonth);
      update({ from: view.from ?? range.from ?? city.firstMonth ?? undefined, to: view.to });
      return;
    }
    update({
      ...{ from: undefined, to: undefined },
      ...presetRange(next, city.firstMonth, city.lastMonth),
    });
  };

  // A typed date can bypass min/max: keep from ≤ to so the URL stays a valid view.
  const setFrom = (from: string | undefined) => update(clampDates(view, { from }));
  const setTo = (to: string | undefined) => update(clampDates(view, { to }));
  return (
    <form
      id="filter-bar"
      className="filter-bar"
      aria-label={t('filters.region')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor="city-select">{t('filters.city')}</label>
        <select
          id="city-select"
          value={city.id}
          onChange={(event) => {
            const next = cities.find((c) => c.id === event.target.value);
            if (!next) return;
            update(changeCity(view, next));
          }}
        >
          {cities.map((c) => (
            <option key={c.id} value={c.id} disabled={!c.loaded}>
              {c.name}
              {c.loaded ? '' : ` ${t('filters.noDataYet')}`}
            </option>
          ))}
        </select>
      </div>

      <div className="field levels">
        <span className="field-label" id="level-label">
          {t('filters.areas')}
        </span>
        <div className="toggle-group" role="group" aria-labelledby="level-label">
          {city.levels.map((l) => {
            const availability = options.data?.levels.find((a) => a.id === l.id);
            const reason = availability && !availability.available ? levelReason(l.label) : null;
            return (
              <button
                key={l.id}
                type="button"
                aria-pressed={l.id === view.level}
                aria-disabled={reason !== null && l.id !== view.level ? true : undefined}
                aria-describedby={reason ? `level-reason-${l.id}` : undefined}
                title={reason ?? undefined}
                data-level={l.id}
                data-available={availability ? String(availability.available) : undefined}
                onClick={() => {
                  if (reason === null || l.id === view.level) update(changeLevel(view, city, l.id));
                }}
              >
                {l.label}
              </button>
            );
          })}
        </div>
        {city.levels.map((l) => {
          const availability = options.data?.levels.find((a) => a.id === l.id);
          return availability && !availability.available ? (
            <span
              key={l.id}
              id={`level-reason-${l.id}`}
              className="field-note"
              data-testid={`level-reason-${l.id}`}
            >
              {l.label}: {levelReason(l.label)}
            </span>
          ) : null;
        })}
      </div>

      <div className="field">
        <label htmlFor="metric-select">{t('filters.measure')}</label>
        <select
          id="metric-select"
          value={view.metric}
          onChange={(e) => setMetric(e.target.value as Metric)}
        >
          {city.metrics.map((metric) => {
            const reason = level ? metricUnsupportedReason(city, level, metric) : null;
            return (
              <option key={metric} value={metric} disabled={reason !== null}>
                {reason
                  ? t('filters.notAvailable', {
                      label: words.metricLabel(metric, city.kind),
                      reason: reason.replace(/\.$/, ''),
                    })
                  : words.metricLabel(metric, city.kind)}
              </option>
            );
          })}
          {city.metrics.includes(view.metric) ? null : (
            <option value={view.metric} disabled data-testid="metric-unsupported">
              {t('filters.notAvailable', {
                label: words.metricLabel(view.metric, city.kind),
                reason: level
                  ? (metricUnsupportedReason(city, level, view.metric) ?? '').replace(/\.$/, '')
                  : '',
              })}
            </option>
          )}
        </select>
      </div>

      <div className="field">
        <label htmlFor="classification-select">{t('filters.classes')}</label>
        <div className="inline">
          <select
            id="classification-select"
            value={view.classification}
            onChange={(e) => update({ classification: e.target.value as Classification })}
          >
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`classification.${c}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('filters.classCount')}
            value={view.classes}
            onChange={(e) => update({ classes: Number(e.target.value) })}
          >
            {[3, 4, 5, 6, 7].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="field">
        <label htmlFor="date-preset">{t('filters.dates')}</label>
        <select
          id="date-preset"
          value={preset}
          onChange={(e) => setPreset(e.target.value as DatePreset)}
        >
          {DATE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`presets.${p}`)}
            </option>
          ))}
        </select>
        {preset === 'custom' ? (
          <div className="inline">
            <label className="visually-hidden" htmlFor="date-from">
              {t('filters.from')}
            </label>
            <input
              id="date-from"
              type="date"
              value={view.from ?? ''}
              max={view.to}
              onChange={(e) => setFrom(e.target.value || undefined)}
            />
            <span aria-hidden="true">–</span>
            <label className="visually-hidden" htmlFor="date-to">
              {t('filters.to')}
            </label>
            <input
              id="date-to"
              type="date"
              value={view.to ?? ''}
              min={view.from}
              onChange={(e) => setTo(e.target.value || undefined)}
            />
          </div>
        ) : null}
      </div>

      <CompareField view={view} update={update} />

      <div className="field">
        <label htmlFor="status-select">{t('filters.status')}</label>
        <select
          id="status-select"
          value={view.status ?? ''}
          onChange={(e) => update({ status: (e.target.value || undefined) as View['status'] })}
        >
          <option value="">{t('filters.openAndClosed')}</option>
          <option value="open">{words.status('open')}</option>
          <option value="closed">{words.status('closed')}</option>
        </select>
      </div>

      <div className="field filters-multi">
        <span className="field-label">{t('filters.filter')}</span>
        <div className="inline wrap">
          <MultiSelect
            label={t('view.filter.type')}
            testId="filter-type"
            options={options.data?.type}
            selected={view.type ?? []}
            onChange={(type) => update({ type: type.length ? type : undefined })}
          />
          <MultiSelect
            label={t('view.filter.category')}
            testId="filter-category"
            display={words.category}
            options={options.data?.category}
            selected={view.category ?? []}
            onChange={(category) => update({ category: category.length ? category : undefined })}
          />
          {options.data?.channel.length ? (
            <MultiSelect
              label={t('view.filter.channel')}
              options={options.data.channel}
              display={words.channel}
              selected={view.channel ?? []}
              onChange={(channel) => update({ channel: channel.length ? channel : undefined })}
            />
          ) : null}
          {options.data?.division.length ? (
            <MultiSelect
              label={t('view.filter.division')}
              options={options.data.division}
              selected={view.division ?? []}
              onChange={(division) => update({ division: division.length ? division : undefined })}
            />
          ) : null}
        </div>
      </div>

      <div className="field">
        <span className="field-label" id="duplicates-label" title={words.t('duplicatesDefinition')}>
          {words.t('duplicatesLabel')}
        </span>
        <div
          className="toggle-group"
          role="group"
          aria-labelledby="duplicates-label"
          data-testid="duplicates-toggle"
        >
          {DUPLICATE_MODES.map((mode) => (
            <button
              key={mode}
              type="button"
              data-duplicates={mode}
              aria-pressed={(view.duplicates ?? 'kept') === mode}
              onClick={() => update({ duplicates: mode === 'merged' ? 'merged' : undefined })}
            >
              {words.nouns(city.kind, mode).Many}
            </button>
          ))}
        </div>
      </div>

      {hotspotsAllowed ? (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={view.hotspots === '1'}
              onChange={(e) => update({ hotspots: e.target.checked ? '1' : undefined })}
            />
            {t('filters.hotspots')}
          </label>
        </div>
      ) : null}
    </form>
  );
}

/** "Compare with: none / previous period / same period last year". */
function CompareField({ view, update }: Pick<FilterBarProps, 'view' | 'update'>) {
  const { t, words } = useViewWords();
  const reason = compareUnsupportedReason(view);
  return (
    <div className="field">
      <label htmlFor="compare-select">{t('filters.compare')}</label>
      <select
        id="compare-select"
        value={view.compare ?? ''}
        disabled={reason !== null}
        title={reason ?? undefined}
        onChange={(e) => update({ compare: (e.target.value || undefined) as Comparison })}
      >
        <option value="">{words.compareChoice('none')}</option>
        {COMPARISONS.map((c) => (
          <option key={c} value={c}>
            {words.compareChoice(c)}
          </option>
        ))}
      </select>
    </div>
  );
}
