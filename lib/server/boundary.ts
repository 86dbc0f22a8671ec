/**
 * A level's boundary file, read on the server from public/ (the same file the browser fetches
 * from its boundaryUrl): for the briefing's map and the choropleth's first draw. null when the
 * URL is not a boundary file's or the file cannot be read; the page then draws without it.
 */
import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';

/** boundaryUrl is /geojson/<city>/<level>.geojson (lib/view/city-summary.ts). */
const BOUNDARY_URL = /^\/geojson\/[a-z0-9-]+\/[a-z0-9_-]+\.geojson$/;

/**
 * Read once per process: the files are committed and never change while the server runs, and
 * every dashboard and embed page draws from one (a read and a parse of up to ~300 KB each time).
 */
const read = new Map<string, Promise<FeatureCollection | null>>();

async function load(url: string): Promise<FeatureCollection | null> {
  try {
    return JSON.parse(
      await readFile(path.join(process.cwd(), 'public', url), 'utf8'),
    ) as FeatureCollection;
  } catch {
    return null;
  }
}

export function readBoundary(url: string): Promise<FeatureCollection | null> {
  if (!BOUNDARY_URL.test(url)) return Promise.resolve(null);
  let boundary = read.get(url);
  if (!boundary) {
    boundary = load(url);
    read.set(url, boundary);
  }
  return boundary;
}
