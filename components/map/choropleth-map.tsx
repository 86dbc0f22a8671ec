'use client';

import type { PickingInfo } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useWords } from '@/lib/i18n/words';
import type { ChoroplethResponse } from '@/lib/api/types';
import type { Metric } from '@/lib/view';
import { createDeckEngine } from './deck-engine';
import { choroplethLayers, layerAreaKeys, pickedArea } from './layers';
import type { MapEngine } from './map-engine';
import { markMapPainted } from './map-drawn';
import { MapTooltip, type HoverState } from './map-tooltip';
import {
  boundsOf,
  interiorPoint,
  type Bounds,
  joinAreas,
  splitShapes,
  type AreaFeature,
  type AreaPolygon,
  type AreaProperties,
} from './transforms';

export interface AtlasMapHandle {
  /** 'deck' with no basemap (deck.gl alone), 'maplibre' when a basemap style is configured. */
  engine: MapEngine['kind'];
  zoom(): number;
  /** CSS pixels relative to the map container. */
  project(position: [number, number]): { x: number; y: number };
  container(): HTMLElement;
  /** The element that holds the attribution. */
  attribution(): HTMLElement | null;
  areaKeys(): string[];
  /** A point inside the area, in CSS pixels relative to the map container. */
  screenPoint(areaKey: string): { x: number; y: number } | null;
  /** The drawn areas' bounds, [[west, south], [east, north]]. */
  dataBounds(): Bounds | null;
  /** The deck.gl layers as drawn: id, autoHighlight and the area keys each holds. */
  layerSummary(): { id: string; autoHighlight: boolean; keys: string[] }[];
}

declare global {
  interface Window {
    __atlasMap?: AtlasMapHandle;
  }
}

export interface ChoroplethMapProps {
  boundary: FeatureCollection;
  data: ChoroplethResponse | undefined;
  metric: Metric;
  selectedKey: string | undefined;
  onSelect: (area: AreaProperties) => void;
  label: string;
  attribution: string;
  /** A MapLibre style URL: only then is MapLibre loaded, and the areas drawn over its basemap. */
  basemapUrl?: string;
}

export default function ChoroplethMap({
  boundary,
  data,
  metric,
  selectedKey,
  onSelect,
  label,
  attribution,
  basemapUrl,
}: ChoroplethMapProps) {
  const t = useTranslations('map');
  const words = useWords();
  const containerRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<MapEngine | null>(null);
  const [engine, setEngine] = useState<MapEngine | null>(null);
  const featuresRef = useRef<AreaFeature[]>([]);
  const boundsRef = useRef<Bounds | null>(null);
  const layersRef = useRef<ReturnType<typeof choroplethLayers>>([]);
  const pendingRef = useRef(false);
  /** Whether the user has moved the map since the last fit: a resize refits only if not. */
  const movedRef = useRef(false);
  const onSelectRef = useRef(onSelect);
  const [hover, setHover] = useState<HoverState | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  const features = useMemo(() => joinAreas(boundary, data), [boundary, data]);
  // The geometry is split once per boundary; values only recolour it.
  const shapes = useMemo(() => splitShapes(boundary), [boundary]);
  const bounds = useMemo(() => boundsOf(features), [features]);
  const hoveredKey = hover?.area.area_key;
  useEffect(() => {
    boundsRef.current = bounds;
  }, [bounds]);

  /** Fit every area clear of the attribution along the bottom and the controls at the side. */
  const fit = useCallback(
    (animate: boolean) => {
      const current = engineRef.current;
      if (!current || !bounds) return;
      const bottom = (current.attribution()?.getBoundingClientRect().height ?? 24) + 12;
      current.fitBounds(bounds, { top: 16, left: 16, right: 52, bottom }, animate);
      movedRef.current = false;
    },
    [bounds],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let created: MapEngine | null = null;
    let cancelled = false;
    const options = {
      container,
      bounds: boundsRef.current ?? bounds,
      attribution,
      onAfterRender: () => {
        if (pendingRef.current) {
          pendingRef.current = false;
          container.dataset.ready = 'true';
          markMapPainted();
        }
      },
      onError: (error: Error) => setFailed(error.message),
      onUserMove: () => {
        movedRef.current = true;
      },
    };
    const start = (make: () => MapEngine) => {
      if (cancelled) return;
      try {
        created = make();
      } catch (error) {
        // No WebGL here (old browser, blocked GPU): say so, and let the rest of the page load.
        setFailed(error instanceof Error ? error.message : t('cannotStart'));
        markMapPainted();
        return;
      }
      const made = created;
      engineRef.current = made;
      setEngine(made);
      window.__atlasMap = {
        engine: made.kind,
        zoom: () => made.zoom(),
        project: (position) => made.project(position),
        container: () => container,
        attribution: () => made.attribution(),
        areaKeys: () => featuresRef.current.map((f) => f.properties.area_key),
        screenPoint: (key) => {
          const feature = featuresRef.current.find((f) => f.properties.area_key === key);
          const point = feature ? interiorPoint(feature.geometry) : null;
          return point ? made.project(point) : null;
        },
        dataBounds: () => boundsRef.current,
        layerSummary: () =>
          layersRef.current.map((layer) => ({
            id: layer.id,
            autoHighlight: layer.props.autoHighlight,
            keys: layerAreaKeys(layer, featuresRef.current),
          })),
      };
    };
    if (basemapUrl) {
      import('./maplibre-engine')
        .then(({ createMaplibreEngine }) =>
          start(() => createMaplibreEngine({ ...options, styleUrl: basemapUrl })),
        )
        .catch((error: unknown) => {
          setFailed(error instanceof Error ? error.message : t('basemapFailed'));
          markMapPainted();
        });
    } else {
      queueMicrotask(() => start(() => createDeckEngine(options)));
    }
    return () => {
      cancelled = true;
      if (created) {
        if (window.__atlasMap?.container() === container) delete window.__atlasMap;
        created.remove();
      }
      engineRef.current = null;
    };
    // The map is created once; later changes go through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (engine) fit(false);
  }, [fit, engine]);

  // A new frame size (window resize, phone rotation) refits, unless the user has moved the map.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !engine) return;
    let last = `${container.clientWidth}x${container.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const size = `${container.clientWidth}x${container.clientHeight}`;
      if (size === last) return;
      last = size;
      if (!movedRef.current) fit(false);
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [engine, fit]);

  useEffect(() => {
    const container = containerRef.current;
    if (!engine || !container) return;
    featuresRef.current = features;
    container.dataset.featureCount = String(features.length);
    container.dataset.ready = 'false';
    pendingRef.current = data !== undefined;
    const layers = choroplethLayers({ features, shapes, selectedKey, hoveredKey });
    layersRef.current = layers;
    if (hoveredKey) container.dataset.hovered = hoveredKey;
    else delete container.dataset.hovered;
    engine.setLayerProps({
      layers,
      onHover: (info: PickingInfo<AreaPolygon>) => {
        const area = pickedArea(featuresRef.current, info.object);
        setHover(area ? { x: info.x, y: info.y, area } : null);
      },
      onClick: (info: PickingInfo<AreaPolygon>) => {
        const area = pickedArea(featuresRef.current, info.object);
        if (area) onSelectRef.current(area);
      },
      getCursor: ({ isHovering, isDragging }) =>
        isHovering ? 'pointer' : isDragging ? 'grabbing' : 'grab',
    });
  }, [engine, features, shapes, selectedKey, hoveredKey, data]);

  return (
    <div className="map-frame">
      <div
        ref={containerRef}
        className="map-canvas"
        data-testid="choropleth"
        data-feature-count={features.length}
        role="img"
        aria-label={label}
      />
      <div className="map-controls" role="group" aria-label={t('zoomGroup')}>
        <button
          type="button"
          aria-label={t('zoomIn')}
          title={t('zoomIn')}
          data-testid="zoom-in"
          onClick={() => engineRef.current?.zoomIn()}
        >
          +
        </button>
        <button
          type="button"
          aria-label={t('zoomOut')}
          title={t('zoomOut')}
          data-testid="zoom-out"
          onClick={() => engineRef.current?.zoomOut()}
        >
          −
        </button>
        <button
          type="button"
          aria-label={t('zoomReset')}
          title={t('zoomReset')}
          data-testid="zoom-reset"
          onClick={() => fit(true)}
        >
          ⟲
        </button>
      </div>
      {hover ? (
        <MapTooltip
          hover={hover}
          metric={metric}
          unit={
            metric === 'change_pct' && data?.compare
              ? t('changeUnit', {
                  label: words.compareLabel(data.compare.compare, data.compare.months),
                })
              : words.metricUnit(metric, data?.kind, data?.duplicates?.mode)
          }
          kind={data?.kind}
          duplicates={data?.duplicates?.mode}
        />
      ) : null}
      {failed ? (
        <p className="map-failed" role="alert">
          {t('failed', { reason: failed })}
        </p>
      ) : null}
    </div>
  );
}
