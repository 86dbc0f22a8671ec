/**
 * "The map has drawn": what the charts wait for before they load (recharts is a large chunk, and
 * on two cores it would compete with the map's first paint). Set once per page by the choropleth
 * after its first frame with values, or when the map cannot draw (no WebGL, no boundaries, an
 * API error), so the charts never wait on a map that will not come; FALLBACK_MS is the backstop.
 */
import { useEffect, useSyncExternalStore } from 'react';

const FALLBACK_MS = 4000;

let drawn = false;
/** Set by the interactive map only (its first frame with values, or its failure): no fallback. */
let painted = false;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function markMapDrawn(): void {
  if (drawn) return;
  drawn = true;
  notify();
}

/** The interactive map drew (or failed to start): the server's first draw can go. */
export function markMapPainted(): void {
  markMapDrawn();
  if (painted) return;
  painted = true;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once the map has drawn (or cannot), or FALLBACK_MS after the first caller mounted. */
export function useMapDrawn(): boolean {
  const value = useSyncExternalStore(
    subscribe,
    () => drawn,
    () => false,
  );
  useEffect(() => {
    if (drawn) return;
    const timer = setTimeout(markMapDrawn, FALLBACK_MS);
    return () => clearTimeout(timer);
  }, []);
  return value;
}

/**
 * True once the interactive map itself has drawn or failed (never on the charts' fallback): until
 * then MapFrame keeps the server's drawing (first-draw.tsx) over it.
 */
export function useMapPainted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => painted,
    () => false,
  );
}
