'use client';
/** A chart's frame: title, its own skeleton, error with retry, explicit empty state, CSV button. */
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { downloadBlob } from '@/components/export/png';
import { isRetryable } from '@/components/ui/retry';
import type { CsvFile } from '@/components/export/tables';

export function DownloadCsvButton({
  file,
  label = 'Download CSV',
}: {
  file: () => CsvFile;
  label?: string;
}) {
  return (
    <button
      type="button"
      className="chart-download"
      onClick={() => {
        const { fileName, text } = file();
        downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
      }}
    >
      {label}
    </button>
  );
}

export function ChartSkeleton({ label, height = 220 }: { label: string; height?: number }) {
  return (
    <div className="chart-skeleton" role="status" aria-busy="true" style={{ height }}>
      <span className="visually-hidden">Loading {label}…</span>
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
  let body: ReactNode;
  if (query.isPending) body = <ChartSkeleton label={props.title} height={props.skeletonHeight} />;
  else if (query.isError) {
    body = (
      <div className="chart-error" role="alert">
        <p>
          {props.title} could not be loaded: {query.error.message}
        </p>
        {isRetryable(query.error) ? (
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        ) : null}
      </div>
    );
  } else if (props.isEmpty?.(query.data)) {
    body = <p className="chart-empty">{props.empty ?? 'Nothing matches these filters.'}</p>;
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
