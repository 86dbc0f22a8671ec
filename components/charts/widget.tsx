'use client';
/** A chart's frame: title, its own skeleton, error with retry, explicit empty state, CSV button. */
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { UseQueryResult } from '@tanstack/react-query';
import { downloadBlob } from '@/components/export/png';
import { isRetryable } from '@/components/ui/retry';
import type { CsvFile } from '@/components/export/tables';

export function DownloadCsvButton({ file, label }: { file: () => CsvFile; label?: string }) {
  const t = useTranslations('charts');
  return (
    <button
      type="button"
      className="chart-download"
      onClick={() => {
        const { fileName, text } = file();
        downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
      }}
    >
      {label ?? t('widget.downloadCsv')}
    </button>
  );
}

export function ChartSkeleton({ label, height = 220 }: { label: string; height?: number }) {
  const t = useTranslations('charts');
  return (
    <div className="chart-skeleton" role="status" aria-busy="true" style={{ height }}>
      <span className="visually-hidden">{t('widget.loading', { label })}</span>
    </div>
  );
}

interface WidgetProps<T> {
  id: string;
  title: string;
  description?: ReactNode;
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  controls?: ReactNode;
  csv?: (data: T) => CsvFile;
  children: (data: T) => ReactNode;
  skeletonHeight?: number;
}

export function ChartWidget<T>(props: WidgetProps<T>) {
  const { query } = props;
  const t = useTranslations('charts');
  let body: ReactNode;
  if (query.isPending) body = <ChartSkeleton label={props.title} height={props.skeletonHeight} />;
  else if (query.isError) {
    body = (
      <div className="chart-error" role="alert">
        <p>{t('widget.failed', { title: props.title, message: query.error.message })}</p>
        {isRetryable(query.error) ? (
          <button type="button" onClick={() => void query.refetch()}>
            {t('widget.retry')}
          </button>
        ) : null}
      </div>
    );
  } else if (props.isEmpty?.(query.data)) {
    body = <p className="chart-empty">{props.empty ?? t('widget.empty')}</p>;
  } else body = props.children(query.data);
  const data = query.isSuccess && !props.isEmpty?.(query.data) ? query.data : undefined;
  return (
    <section className="chart-widget" aria-labelledby={`${props.id}-title`} data-widget={props.id}>
      <header className="chart-widget-header">
        <h3 id={`${props.id}-title`}>{props.title}</h3>
        <div className="chart-widget-actions">
          {props.controls}
          {props.csv && data !== undefined ? (
            <DownloadCsvButton file={() => props.csv!(data)} />
          ) : null}
        </div>
      </header>
      {props.description ? (
        <div className="chart-widget-description">{props.description}</div>
      ) : null}
      {body}
    </section>
  );
}
