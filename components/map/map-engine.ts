/**
 * What the choropleth needs from whatever draws it: deck.gl alone (deck-engine.ts, the default:
 * no basemap, a plain background) or deck.gl over MapLibre (maplibre-engine.ts, loaded only when
 * NEXT_PUBLIC_BASEMAP_STYLE_URL is set). Both take the same deck.gl layers and callbacks.
 */
import type { DeckProps } from '@deck.gl/core';
import type { Bounds } from './transforms';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The deck.gl props the choropleth sets on every data or hover change. */
export type EngineLayerProps = Pick<DeckProps, 'layers' | 'onHover' | 'onClick' | 'getCursor'>;

export interface MapEngine {
  readonly kind: 'deck' | 'maplibre';
  setLayerProps(props: EngineLayerProps): void;
  /** Fits the bounds inside the container less the padding. */
  fitBounds(bounds: Bounds, padding: Padding, animate: boolean): void;
  zoomIn(): void;
  zoomOut(): void;
  zoom(): number;
  /** CSS pixels relative to the container. */
  project(position: [number, number]): { x: number; y: number };
  /** The element that holds the attribution (the first fit keeps every area clear of it). */
  attribution(): HTMLElement | null;
  remove(): void;
}

export interface EngineOptions {
  container: HTMLDivElement;
  bounds: Bounds | null;
  /** The city's attribution line (the basemap's own, if any, is added by MapLibre). */
  attribution: string;
  /** Called after every frame deck.gl draws. */
  onAfterRender: () => void;
  onError: (error: Error) => void;
  /** The user panned or zoomed (drag, wheel, pinch, double-click, the zoom buttons). */
  onUserMove: () => void;
}
