/**
 * The choropleth drawn by deck.gl alone: one canvas over the frame's plain background, a
 * Web Mercator MapView, no MapLibre and no worker. The view state is held here (deck.gl's
 * controlled mode) so that "Reset the view" can return to the same fit any number of times.
 */
import { Deck, LinearInterpolator, MapView, WebMercatorViewport } from '@deck.gl/core';
import type { MapViewState } from '@deck.gl/core';
import type { EngineLayerProps, EngineOptions, MapEngine, Padding } from './map-engine';
import type { Bounds } from './transforms';

const MIN_ZOOM = 0;
const MAX_ZOOM = 18;
const ZOOM_STEP_MS = 250;
const RESET_MS = 400;
const zoomOnly = new LinearInterpolator(['zoom']);
const panAndZoom = new LinearInterpolator(['longitude', 'latitude', 'zoom']);

function fitted(
  container: HTMLElement,
  bounds: Bounds,
  padding: Padding,
): Pick<MapViewState, 'longitude' | 'latitude' | 'zoom'> {
  const width = Math.max(container.clientWidth, 1);
  const height = Math.max(container.clientHeight, 1);
  // Padding larger than the frame (a tiny window) would make fitBounds throw: keep half of it.
  const safe =
    padding.left + padding.right < width && padding.top + padding.bottom < height
      ? padding
      : { top: 0, right: 0, bottom: 0, left: 0 };
  const { longitude, latitude, zoom } = new WebMercatorViewport({ width, height }).fitBounds(
    bounds,
    { padding: safe },
  );
  return { longitude, latitude, zoom: Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM) };
}

export function createDeckEngine(options: EngineOptions): MapEngine {
  const { container } = options;
  let viewState: MapViewState = {
    longitude: 0,
    latitude: 0,
    zoom: 1,
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    pitch: 0,
    bearing: 0,
    ...(options.bounds
      ? fitted(container, options.bounds, { top: 16, right: 16, bottom: 16, left: 16 })
      : {}),
  };

  const attribution = document.createElement('div');
  attribution.className = 'map-attribution';
  attribution.textContent = options.attribution;
  container.appendChild(attribution);

  /**
   * The zoom a button step is heading for while its transition runs: a second click steps on
   * from there, not from the half-way zoom the animation has reached (two quick "Zoom out"
   * clicks are two whole steps).
   */
  let stepTarget: { zoom: number; until: number } | null = null;

  const deck = new Deck<MapView>({
    parent: container,
    views: new MapView({ repeat: false }),
    viewState,
    controller: { dragRotate: false, touchRotate: false, keyboard: false },
    layers: [],
    onViewStateChange: ({ viewState: next, interactionState }) => {
      viewState = next;
      deck.setProps({ viewState });
      if (interactionState.isDragging || interactionState.isPanning || interactionState.isZooming) {
        stepTarget = null;
        options.onUserMove();
      }
      return next;
    },
    onAfterRender: () => {
      // Zoom and reset are buttons beside the map: the canvas itself is no invisible tab stop.
      const canvas = deck.getCanvas();
      if (canvas && canvas.tabIndex !== -1) canvas.tabIndex = -1;
      options.onAfterRender();
    },
    onError: (error) => options.onError(error),
  });
  const initialCanvas = deck.getCanvas();
  if (initialCanvas) initialCanvas.tabIndex = -1;

  const setViewState = (next: MapViewState) => {
    viewState = next;
    deck.setProps({ viewState });
  };
  const zoomBy = (delta: number) => {
    options.onUserMove();
    const now = performance.now();
    const from = stepTarget && now < stepTarget.until ? stepTarget.zoom : viewState.zoom;
    const zoom = Math.min(Math.max(from + delta, MIN_ZOOM), MAX_ZOOM);
    stepTarget = { zoom, until: now + ZOOM_STEP_MS };
    setViewState({
      ...viewState,
      zoom,
      transitionDuration: ZOOM_STEP_MS,
      transitionInterpolator: zoomOnly,
    });
  };

  return {
    kind: 'deck',
    setLayerProps: (props: EngineLayerProps) => deck.setProps(props),
    fitBounds: (bounds, padding, animate) => {
      stepTarget = null;
      setViewState({
        ...viewState,
        ...fitted(container, bounds, padding),
        ...(animate
          ? { transitionDuration: RESET_MS, transitionInterpolator: panAndZoom }
          : { transitionDuration: 0 }),
      });
    },
    zoomIn: () => zoomBy(1),
    zoomOut: () => zoomBy(-1),
    zoom: () => deck.getViewports()[0]?.zoom ?? viewState.zoom,
    project: (position) => {
      const viewport = deck.getViewports()[0];
      const [x, y] = viewport ? viewport.project(position) : [NaN, NaN];
      return { x: x ?? NaN, y: y ?? NaN };
    },
    attribution: () => attribution,
    remove: () => {
      deck.finalize();
      attribution.remove();
    },
  };
}
