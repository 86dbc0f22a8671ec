/**
 * A local HTTP server (127.0.0.1, ephemeral port) that answers with responses recorded under
 * tests/fixtures/http/<portal>/, with faults scripted per route and attempt, and a log of every
 * request it received so tests can assert on the exact queries an adapter sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo, Socket } from 'node:net';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/http/', import.meta.url));

export interface RecordedRequest {
  method: string;
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** The query string exactly as sent (without "?"). */
  rawQuery: string;
}

export type Reply =
  /**
   * A recorded file under tests/fixtures/http; `{{origin}}` in text files becomes the server's
   * origin, and headers recorded in `<file>.headers` are sent with it.
   */
  | { kind: 'fixture'; file: string; status?: number; headers?: Record<string, string> }
  | { kind: 'body'; body: string | Uint8Array; status?: number; headers?: Record<string, string> }
  /** An error status, optionally with Retry-After. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Announces the full length, writes half the body, then destroys the socket. */
  | { kind: 'drop'; file?: string; body?: string }
  /** Never answers (for timeouts); the socket is destroyed when the server closes. */
  | { kind: 'hang' };

export interface Route {
  path: string;
  /** Every listed parameter must be present with this decoded value. */
  query?: Record<string, string>;
  reply: Reply | ((req: RecordedRequest, attempt: number) => Reply);
  /** Replies that replace `reply` on a given attempt (1-based) at this route. */
  faults?: Record<number, Reply>;
}

export interface RecordedServer {
  origin: string;
  requests: RecordedRequest[];
  /** Requests whose path equals `path`. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export const fixture = (file: string, status?: number): Reply => ({
  kind: 'fixture',
  file,
  status,
});
export const json = (value: unknown): Reply => ({
  kind: 'body',
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.zip': 'application/zip',
};

function loadFixture(file: string, origin: string): Buffer {
  const raw = readFileSync(join(FIXTURES_DIR, file));
  if (extname(file) === '.zip') return raw;
  return Buffer.from(raw.toString('utf8').replaceAll('{{origin}}', origin), 'utf8');
}

/** Response headers recorded beside a fixture in `<file>.headers` (a JSON object), if any. */
function fixtureHeaders(file: string): Record<string, string> {
  const sidecar = join(FIXTURES_DIR, `${file}.headers`);
  if (!existsSync(sidecar)) return {};
  return JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, string>;
}

function matches(route: Route, req: RecordedRequest): boolean {
  if (route.path !== req.path) return false;
  return Object.entries(route.query ?? {}).every(([k, v]) => req.query[k] === v);
}

export async function startRecordedServer(
  routes: Route[],
  options: { maxRequests?: number } = {},
): Promise<RecordedServer> {
  // Bounds any paging loop that fails to stop: past the budget every answer is a 400.
  const maxRequests = options.maxRequests ?? 200;
  const requests: RecordedRequest[] = [];
  const attempts = new Map<Route, number>();
  const sockets = new Set<Socket>();
  let origin = '';

  const send = (res: ServerResponse, reply: Reply): void => {
    switch (reply.kind) {
      case 'fixture': {
        const body = loadFixture(reply.file, origin);
        res.writeHead(reply.status ?? 200, {
          'content-type': CONTENT_TYPES[extname(reply.file)] ?? 'application/octet-stream',
          'content-length': body.length,
          ...fixtureHeaders(reply.file),
          ...reply.headers,
        });
        res.end(body);
        return;
      }
      case 'body': {
        const body = Buffer.from(reply.body);
        res.writeHead(reply.status ?? 200, {
          'content-length': body.length,
          ...reply.headers,
        });
        res.end(body);
        return;
      }
      case 'status': {
        const body = Buffer.from(reply.body ?? JSON.stringify({ error: `status ${reply.status}` }));
        const headers: Record<string, string | number> = {
          'content-type': 'application/json',
          'content-length': body.length,
        };
        if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
        res.writeHead(reply.status, headers);
        res.end(body);
        return;
      }
      case 'drop': {
        const body = reply.file ? loadFixture(reply.file, origin) : Buffer.from(reply.body ?? '');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
          res.socket?.destroy();
        });
        return;
      }
      case 'hang':
        return;
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      rawQuery: url.search.replace(/^\?/, ''),
    };
    requests.push(recorded);
    if (requests.length > maxRequests) {
      send(res, { kind: 'status', status: 400, body: 'request budget exceeded' });
      return;
    }
    const route = routes.find((r) => matches(r, recorded));
    if (!route) {
      send(res, { kind: 'status', status: 404, body: `no route for ${url.pathname}` });
      return;
    }
    const attempt = (attempts.get(route) ?? 0) + 1;
    attempts.set(route, attempt);
    const reply =
      route.faults?.[attempt] ??
      (typeof route.reply === 'function' ? route.reply(recorded, attempt) : route.reply);
    send(res, reply);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
