'use client';

import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChoroplethResponse } from '@/lib/api/types';
import type { Metric } from '@/lib/view';
import { choroplethLayers, OFFLINE_STYLE } from './layers';
import { MapTooltip, type HoverState } from './map-tooltip';
import {
  boundsOf,
  interiorPoint,
  type Bounds,
  joinAreas,
  type AreaFeature,
  type AreaProperties,
} from './transforms';

/** Served from public/ by scripts/copy-maplibre-worker.mjs: no CDN, and CSP-friendly. */
const WORKER_URL = '/maplibre-gl-worker.mjs';

export interface AtlasMapHandle {
  map: MapLibreMap;
  overlay: MapboxOverlay;
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
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const featuresRef = useRef<AreaFeature[]>([]);
  const boundsRef = useRef<Bounds | null>(null);
  const layersRef = useRef<ReturnType<typeof choroplethLayers>>([]);
  const pendingRef = useRef(false);
  const onSelectRef = useRef(onSelect);
  const [hover, setHover] = useState<HoverState | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  const features = useMemo(() => joinAreas(boundary, data), [boundary, data]);
  const bounds = useMemo(() => boundsOf(features), [features]);
  const hoveredKey = hover?.area.area_key;
  useEffect(() => {
    boundsRef.current = bounds;
  }, [bounds]);

  /** Fit every area clear of the attribution along the bottom and the controls at the side. */
  const fit = useCallback(
    (animate: boolean) => {
      const map = mapRef.current;
      const container = containerRef.current;
      if (!map || !container || !bounds) return;
      const attribution = container.querySelector('.maplibregl-ctrl-bottom-right');
      const bottom = (attribution?.getBoundingClientRect().height ?? 24) + 12;
      map.fitBounds(bounds, { padding: { top: 16, left: 16, right: 52, bottom }, animate });
    },
    [bounds],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: MapLibreMap;
    try {
      setWorkerUrl(WORKER_URL);
      map = new MapLibreMap({
        container,
        style: basemapUrl ?? OFFLINE_STYLE,
        attributionControl: { compact: false, customAttribution: attribution },
        dragRotate: false,
        pitchWithRotate: false,
        ...(bounds ? { bounds, fitBoundsOptions: { padding: 16 } } : {}),
      });
      // Zoom and reset are buttons beside the map: the canvas itself is no invisible tab stop.
      map.getCanvas().tabIndex = -1;
    } catch (error) {
      // No WebGL here (old browser, blocked GPU): say so once the effect has finished.
      const message = error instanceof Error ? error.message : 'The map could not start.';
      queueMicrotask(() => setFailed(message));
      return;
    }
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onAfterRender: () => {
        for (const canvas of container.querySelectorAll('canvas')) {
          if (canvas.tabIndex !== -1) canvas.tabIndex = -1;
        }
        if (pendingRef.current) {
          pendingRef.current = false;
          container.dataset.ready = 'true';
        }
      },
      onError: (error) => {
        setFailed(error.message);
      },
    });
    map.addControl(overlay);
    map.touchZoomRotate.disableRotation();
    for (const canvas of container.querySelectorAll('canvas')) canvas.tabIndex = -1;
    mapRef.current = map;
    overlayRef.current = overlay;
    window.__atlasMap = {
      map,
      overlay,
      areaKeys: () => featuresRef.current.map((f) => f.properties.area_key),
      screenPoint: (key) => {
        const feature = featuresRef.current.find((f) => f.properties.area_key === key);
        const point = feature ? interiorPoint(feature.geometry) : null;
        if (!point) return null;
        const { x, y } = map.project(point);
        return { x, y };
      },
      dataBounds: () => boundsRef.current,
      layerSummary: () =>
        layersRef.current.map((layer) => ({
          id: layer.id,
          autoHighlight: layer.props.autoHighlight,
          keys: (layer.props.data as AreaFeature[]).map((f) => f.properties.area_key),
        })),
    };
    return () => {
      if (window.__atlasMap?.map === map) delete window.__atlasMap;
      mapRef.current = null;
      overlayRef.current = null;
      map.remove();
    };
    // The map is created once; later changes go through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    fit(false);
  }, [fit]);

  useEffect(() => {
    const overlay = overlayRef.current;
    const container = containerRef.current;
    if (!overlay || !container) return;
    featuresRef.current = features;
    container.dataset.featureCount = String(features.length);
    container.dataset.ready = 'false';
    pendingRef.current = data !== undefined;
    const layers = choroplethLayers({
      features,
      selectedKey,
      hoveredKey,
      version: `${data?.city}:${data?.level}:${data?.metric}:${data?.breaks.join(',')}:${features.length}`,
    });
    layersRef.current = layers;
    if (hoveredKey) container.dataset.hovered = hoveredKey;
    else delete container.dataset.hovered;
    overlay.setProps({
      layers,
      onHover: (info: PickingInfo<AreaFeature>) => {
        setHover(info.object ? { x: info.x, y: info.y, area: info.object.properties } : null);
      },
      onClick: (info: PickingInfo<AreaFeature>) => {
        if (info.object) onSelectRef.current(info.object.properties);
      },
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
  }, [features, selectedKey, hoveredKey, data]);

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
      <div className="map-controls" role="group" aria-label="Map zoom">
        <button
          type="button"
          aria-label="Zoom in"
          title="Zoom in"
          data-testid="zoom-in"
          onClick={() => mapRef.current?.zoomIn()}
        >
          +
        </button>
        <button
          type="button"
          aria-label="Zoom out"
          title="Zoom out"
          data-testid="zoom-out"
          onClick={() => mapRef.current?.zoomOut()}
        >
          −
        </button>
        <button
          type="button"
          aria-label="Reset the view"
          title="Reset the view"
          data-testid="zoom-reset"
          onClick={() => fit(true)}
        >
          ⟲
        </button>
      </div>
      {hover ? (
        <MapTooltip hover={hover} metric={metric} unit={data?.unit ?? ''} kind={data?.kind} />
      ) : null}
      {failed ? (
        <p className="map-failed" role="alert">
          The map could not be drawn here ({failed}). The table below holds the same values.
        </p>
      ) : null}
    </div>
  );
}
