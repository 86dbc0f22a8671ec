/**
 * "The map has drawn": what the charts wait for before they load (recharts is a large chunk, and
 * on two cores it would compete with the map's first paint). Set once per page by the choropleth
 * after its first frame with values, or when the map cannot draw (no WebGL, no boundaries, an
 * API error), so the charts never wait on a map that will not come; FALLBACK_MS is the backstop.
 */
import { useEffect, useSyncExternalStore } from 'react';

const FALLBACK_MS = 4000;

let drawn = false;
const listeners = new Set<() => void>();

export function markMapDrawn(): void {
  if (drawn) return;
  drawn = true;
  for (const listener of listeners) listener();
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
