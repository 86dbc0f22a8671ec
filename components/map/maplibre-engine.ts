/**
 * The choropleth over a basemap: MapLibre draws the configured style (its worker served from
 * public/ by scripts/copy-maplibre-worker.mjs: no CDN, and CSP-friendly) and deck.gl the areas
 * through MapboxOverlay. Imported dynamically, only when NEXT_PUBLIC_BASEMAP_STYLE_URL is set.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { EngineLayerProps, EngineOptions, MapEngine } from './map-engine';

const WORKER_URL = '/maplibre-gl-worker.mjs';

export function createMaplibreEngine(options: EngineOptions & { styleUrl: string }): MapEngine {
  const { container, bounds } = options;
  setWorkerUrl(WORKER_URL);
  const map = new MapLibreMap({
    container,
    style: options.styleUrl,
    attributionControl: { compact: false, customAttribution: options.attribution },
    dragRotate: false,
    pitchWithRotate: false,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: 16 } } : {}),
  });
  map.getCanvas().tabIndex = -1;
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    onAfterRender: () => {
      for (const canvas of container.querySelectorAll('canvas')) {
        if (canvas.tabIndex !== -1) canvas.tabIndex = -1;
      }
      options.onAfterRender();
    },
    onError: (error) => options.onError(error),
  });
  map.addControl(overlay);
  map.touchZoomRotate.disableRotation();
  for (const canvas of container.querySelectorAll('canvas')) canvas.tabIndex = -1;
  for (const event of ['dragstart', 'wheel', 'touchstart', 'dblclick'] as const) {
    map.on(event, options.onUserMove);
  }
  return {
    kind: 'maplibre',
    setLayerProps: (props: EngineLayerProps) => overlay.setProps(props),
    fitBounds: (target, padding, animate) => map.fitBounds(target, { padding, animate }),
    zoomIn: () => {
      options.onUserMove();
      map.zoomIn();
    },
    zoomOut: () => {
      options.onUserMove();
      map.zoomOut();
    },
    zoom: () => map.getZoom(),
    project: (position) => {
      const { x, y } = map.project(position);
      return { x, y };
    },
    attribution: () => container.querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right'),
    remove: () => map.remove(),
  };
}
