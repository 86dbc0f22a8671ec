/**
 * HTTP latency under load: a fixed number of GETs kept `connections` in flight over as many
 * keep-alive sockets (node:http Agent, maxSockets = connections), each timed from request to
 * last byte. Bodies are asked for gzip, as a browser does, and counted but not decompressed.
 * Given a list of URLs, the n-th request asks for the n-th one (the varied mix); given one URL,
 * every request asks for it (the identical-request figures).
 */
import http from 'node:http';

export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  seconds: number;
  bytes: number;
}

function getOnce(agent: http.Agent, url: URL): Promise<{ ms: number; ok: boolean; bytes: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.get(
      url,
      { agent, headers: { 'accept-encoding': 'gzip', accept: 'application/json' } },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () =>
          resolve({ ms: performance.now() - started, ok: response.statusCode === 200, bytes }),
        );
        response.on('error', () => resolve({ ms: performance.now() - started, ok: false, bytes }));
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve({ ms: performance.now() - started, ok: false, bytes: 0 }));
  });
}

async function run(agent: http.Agent, urls: readonly URL[], total: number, connections: number) {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const url = urls[next % urls.length]!;
      next++;
      const result = await getOnce(agent, url);
      if (result.ok) latenciesMs.push(result.ms);
      else errors++;
      bytes += result.bytes;
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, total) }, worker));
  return { latenciesMs, errors, seconds: (performance.now() - started) / 1000, bytes };
}

/**
 * `warmup` requests (discarded), then `total` measured ones, `connections` at a time. With
 * `warmupUrls`, the warm-up asks for those instead (views the measured run never repeats).
 */
export async function loadTest(
  url: string | readonly string[],
  options: { total: number; warmup: number; connections: number; warmupUrls?: readonly string[] },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  try {
    const targets = (typeof url === 'string' ? [url] : url).map((u) => new URL(u));
    const warm = options.warmupUrls?.map((u) => new URL(u)) ?? targets;
    await run(agent, warm, options.warmup, options.connections);
    return await run(agent, targets, options.total, options.connections);
  } finally {
    agent.destroy();
  }
}

/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
