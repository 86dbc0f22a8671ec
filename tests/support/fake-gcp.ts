/**
 * A fake of the Google Cloud REST endpoints our clients call, on 127.0.0.1 only, so the real
 * `@google-cloud/bigquery` and `@google-cloud/storage` clients can be driven offline.
 *
 * BigQuery v2: jobs.query (POST /queries), jobs.insert (POST /jobs), jobs.getQueryResults
 * (GET /queries/:jobId, paged by pageToken), jobs.get (GET /jobs/:jobId), tables.get.
 * GCS JSON API: objects.get metadata, objects.insert by multipart and by resumable upload.
 *
 * Response bodies follow the public API reference shapes. Every request is recorded; faults
 * (status + reason, N times) can be scripted per route. Query answers are scripted by a handler
 * that sees the SQL and parameters.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRC32C } from '@google-cloud/storage';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; for a multipart upload `{ metadata, media }`; otherwise the text or null. */
  body: unknown;
}

export type Route =
  | 'jobs.query'
  | 'jobs.insert'
  | 'jobs.getQueryResults'
  | 'jobs.get'
  | 'tables.get'
  | 'objects.get'
  | 'objects.insert';

export interface Fault {
  status: number;
  reason: string;
  message?: string;
  /** How many matching requests fail before the route answers normally again (default 1). */
  times?: number;
}

export interface FieldSchema {
  name: string;
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
}

/** What a scripted query returns: schema and rows as BigQuery's REST `f`/`v` cells. */
export interface QueryAnswer {
  schema?: FieldSchema[];
  /** Row values as the REST API sends them: strings, or null. */
  rows?: (string | null)[][];
  /** Rows per page; more rows than this are served through pageToken. */
  pageSize?: number;
  totalBytesProcessed?: number;
  statementType?: string;
  numDmlAffectedRows?: number;
}

export interface QueryRequest {
  sql: string;
  body: Record<string, unknown>;
  route: 'jobs.query' | 'jobs.insert';
}

interface StoredJob {
  id: string;
  location: string | undefined;
  configuration: Record<string, unknown>;
  answer: QueryAnswer;
}

interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  metadata: Record<string, unknown>;
}

export interface FakeGcp {
  /** `http://127.0.0.1:PORT`: give it to both clients as `apiEndpoint`. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Requests of one route, in order. */
  requestsFor(route: Route): RecordedRequest[];
  fail(route: Route, fault: Fault): void;
  onQuery(handler: (request: QueryRequest) => QueryAnswer | undefined): void;
  setTable(dataset: string, table: string, metadata: Record<string, unknown>): void;
  putObject(bucket: string, name: string, data: Buffer): void;
  getObject(bucket: string, name: string): StoredObject | undefined;
  close(): Promise<void>;
}

const REASON_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A BigQuery/GCS style error body: `{ error: { code, message, errors: [{ reason }] } }`. */
function errorBody(status: number, reason: string, message: string) {
  return {
    error: {
      code: status,
      message,
      errors: [{ message, domain: 'global', reason }],
      status: REASON_STATUS[status] ?? 'UNKNOWN',
    },
  };
}

function md5(data: Buffer) {
  return createHash('md5').update(data).digest('base64');
}

function crc32c(data: Buffer) {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Split a multipart/related body into its parts (headers dropped). */
function multipartParts(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return [];
  const text = body.toString('latin1');
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const start = part.indexOf('\r\n\r\n');
      return Buffer.from(part.slice(start + 4, part.length - 2), 'latin1');
    });
}

export async function startFakeGcp(options: { projectId?: string } = {}): Promise<FakeGcp> {
  const projectId = options.projectId ?? 'test-project';
  const requests: (RecordedRequest & { route: Route | 'unknown' })[] = [];
  const faults = new Map<Route, Required<Fault>[]>();
  const jobs = new Map<string, StoredJob>();
  const tables = new Map<string, Record<string, unknown>>();
  const objects = new Map<string, StoredObject>();
  const resumable = new Map<string, { bucket: string; metadata: Record<string, unknown> }>();
  let queryHandler: (request: QueryRequest) => QueryAnswer | undefined = () => undefined;

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const jobReference = (job: StoredJob) => ({ projectId, jobId: job.id, location: job.location });

  const statistics = (job: StoredJob) => {
    const bytes = String(job.answer.totalBytesProcessed ?? 0);
    const now = String(Date.now());
    return {
      creationTime: now,
      startTime: now,
      endTime: now,
      totalBytesProcessed: bytes,
      query: {
        totalBytesProcessed: bytes,
        totalBytesBilled: bytes,
        statementType: job.answer.statementType ?? 'SELECT',
        ...(job.answer.numDmlAffectedRows !== undefined
          ? { numDmlAffectedRows: String(job.answer.numDmlAffectedRows) }
          : {}),
      },
    };
  };

  const jobResource = (job: StoredJob) => ({
    kind: 'bigquery#job',
    id: `${projectId}:${job.location ?? 'US'}.${job.id}`,
    jobReference: jobReference(job),
    configuration: job.configuration,
    status: { state: 'DONE' },
    statistics: statistics(job),
  });

  /** One page of results, in the shape jobs.query and jobs.getQueryResults share. */
  const resultsPage = (
    job: StoredJob,
    pageToken: string | undefined,
    maxResults: number | undefined,
  ) => {
    const rows = job.answer.rows ?? [];
    const size =
      Math.min(job.answer.pageSize ?? rows.length, maxResults ?? Infinity) || rows.length;
    const start = pageToken ? Number(pageToken.replace('page-', '')) : 0;
    const slice = rows.slice(start, start + size);
    const next = start + size < rows.length ? `page-${start + size}` : undefined;
    return {
      jobReference: jobReference(job),
      jobComplete: true,
      cacheHit: false,
      totalBytesProcessed: String(job.answer.totalBytesProcessed ?? 0),
      ...(job.answer.schema ? { schema: { fields: job.answer.schema } } : {}),
      totalRows: String(rows.length),
      ...(slice.length ? { rows: slice.map((row) => ({ f: row.map((v) => ({ v })) })) } : {}),
      ...(next ? { pageToken: next } : {}),
      ...(job.answer.numDmlAffectedRows !== undefined
        ? { numDmlAffectedRows: String(job.answer.numDmlAffectedRows) }
        : {}),
    };
  };

  const newJob = (
    configuration: Record<string, unknown>,
    location: string | undefined,
    answer: QueryAnswer,
    jobId?: string,
  ) => {
    // jobs.insert callers choose the job id (the client sends a UUID); jobs.query gets one.
    const job: StoredJob = {
      id: jobId ?? `job_${randomUUID().replace(/-/g, '')}`,
      location,
      configuration,
      answer,
    };
    jobs.set(job.id, job);
    return job;
  };

  const routeOf = (method: string, path: string): Route | 'unknown' => {
    if (/^\/bigquery\/v2\/projects\/[^/]+\/queries$/.test(path) && method === 'POST')
      return 'jobs.query';
    if (/^\/bigquery\/v2\/projects\/[^/]+\/jobs$/.test(path) && method === 'POST')
      return 'jobs.insert';
    if (/^\/bigquery\/v2\/projects\/[^/]+\/queries\/[^/]+$/.test(path))
      return 'jobs.getQueryResults';
    if (/^\/bigquery\/v2\/projects\/[^/]+\/jobs\/[^/]+$/.test(path)) return 'jobs.get';
    if (/^\/bigquery\/v2\/projects\/[^/]+\/datasets\/[^/]+\/tables\/[^/]+$/.test(path))
      return 'tables.get';
    if (/^\/upload\/storage\/v1\/b\/[^/]+\/o$/.test(path)) return 'objects.insert';
    if (/^\/storage\/v1\/b\/[^/]+\/o\/.+$/.test(path) && method === 'GET') return 'objects.get';
    return 'unknown';
  };

  const objectResource = (object: StoredObject) => ({
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/1`,
    name: object.name,
    bucket: object.bucket,
    generation: '1',
    metageneration: '1',
    size: String(object.data.length),
    md5Hash: md5(object.data),
    crc32c: crc32c(object.data),
    contentType: 'application/octet-stream',
    ...object.metadata,
  });

  const storeObject = (
    bucket: string,
    metadata: Record<string, unknown>,
    data: Buffer,
    name?: string,
  ) => {
    const objectName = typeof metadata.name === 'string' ? metadata.name : (name ?? '');
    const object: StoredObject = { bucket, name: objectName, data, metadata: { ...metadata } };
    objects.set(`${bucket}/${objectName}`, object);
    return object;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams.entries());
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown = null;
    if (raw.length && contentType.startsWith('multipart/related')) {
      const [meta, media] = multipartParts(raw, contentType);
      body = {
        metadata: JSON.parse(meta?.toString('utf8') ?? '{}') as unknown,
        media: media ?? Buffer.alloc(0),
      };
    } else if (raw.length && contentType.includes('json')) {
      body = JSON.parse(raw.toString('utf8')) as unknown;
    } else if (raw.length) {
      body = raw;
    }
    // Resumable upload sessions are PUT to the Location we hand out.
    const sessionId = query.upload_id;
    const route: Route | 'unknown' =
      sessionId && method === 'PUT' ? 'objects.insert' : routeOf(method, path);
    requests.push({ method, path, query, headers: req.headers, body, route });

    const queued = route === 'unknown' ? undefined : faults.get(route);
    const fault = queued?.[0];
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) queued.shift();
      send(res, fault.status, errorBody(fault.status, fault.reason, fault.message));
      return;
    }

    const segments = path.split('/').map(decodeURIComponent);
    switch (route) {
      case 'jobs.query': {
        const request = body as Record<string, unknown>;
        const answer = queryHandler({ sql: String(request.query), body: request, route }) ?? {
          rows: [],
        };
        const job = newJob(request, request.location as string | undefined, answer);
        const maxResults =
          request.maxResults === undefined ? undefined : Number(request.maxResults);
        send(res, 200, {
          kind: 'bigquery#queryResponse',
          ...resultsPage(job, undefined, maxResults),
        });
        return;
      }
      case 'jobs.insert': {
        const request = body as {
          configuration: Record<string, unknown>;
          jobReference?: { location?: string; jobId?: string };
        };
        const queryConfig = request.configuration.query as { query?: string } | undefined;
        const answer =
          queryConfig?.query === undefined
            ? {}
            : (queryHandler({ sql: queryConfig.query, body: request.configuration, route }) ?? {
                rows: [],
              });
        const job = newJob(
          request.configuration,
          request.jobReference?.location,
          answer,
          request.jobReference?.jobId,
        );
        send(res, 200, jobResource(job));
        return;
      }
      case 'jobs.getQueryResults':
      case 'jobs.get': {
        const job = jobs.get(segments.at(-1) ?? '');
        if (!job) {
          send(
            res,
            404,
            errorBody(404, 'notFound', `Not found: Job ${projectId}:${segments.at(-1)}`),
          );
          return;
        }
        if (route === 'jobs.get') {
          send(res, 200, jobResource(job));
          return;
        }
        const maxResults = query.maxResults === undefined ? undefined : Number(query.maxResults);
        send(res, 200, {
          kind: 'bigquery#getQueryResultsResponse',
          etag: 'etag',
          ...resultsPage(job, query.pageToken, maxResults),
        });
        return;
      }
      case 'tables.get': {
        const key = `${segments[6]}.${segments[8]}`;
        const table = tables.get(key);
        if (!table) {
          send(res, 404, errorBody(404, 'notFound', `Not found: Table ${projectId}:${key}`));
          return;
        }
        send(res, 200, {
          kind: 'bigquery#table',
          id: `${projectId}:${key}`,
          tableReference: { projectId, datasetId: segments[6], tableId: segments[8] },
          ...table,
        });
        return;
      }
      case 'objects.get': {
        const bucket = segments[4] ?? '';
        const name = segments.slice(6).join('/');
        const object = objects.get(`${bucket}/${name}`);
        if (!object) {
          send(res, 404, errorBody(404, 'notFound', `No such object: ${bucket}/${name}`));
          return;
        }
        send(res, 200, objectResource(object));
        return;
      }
      case 'objects.insert': {
        if (sessionId) {
          const session = resumable.get(sessionId);
          if (!session) {
            send(res, 404, errorBody(404, 'notFound', 'No such upload session'));
            return;
          }
          resumable.delete(sessionId);
          const data = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
          send(res, 200, objectResource(storeObject(session.bucket, session.metadata, data)));
          return;
        }
        const bucket = segments[5] ?? '';
        if (query.uploadType === 'resumable') {
          const id = randomUUID();
          const metadata = {
            ...((body as Record<string, unknown> | null) ?? {}),
            name: query.name,
          };
          resumable.set(id, { bucket, metadata });
          const location = `http://127.0.0.1:${port}${path}?uploadType=resumable&upload_id=${id}`;
          res.writeHead(200, { location, 'content-length': '0' });
          res.end();
          return;
        }
        if (query.uploadType === 'multipart') {
          const { metadata, media } = body as { metadata: Record<string, unknown>; media: Buffer };
          send(res, 200, objectResource(storeObject(bucket, metadata, media, query.name)));
          return;
        }
        send(res, 400, errorBody(400, 'invalid', `Unsupported uploadType ${query.uploadType}`));
        return;
      }
      default:
        send(res, 404, errorBody(404, 'notFound', `The fake does not serve ${method} ${path}`));
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, errorBody(500, 'backendError', String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    requestsFor: (route) => requests.filter((request) => request.route === route),
    fail(route, fault) {
      const list = faults.get(route) ?? [];
      list.push({ message: `Scripted ${fault.reason}`, times: 1, ...fault });
      faults.set(route, list);
    },
    onQuery(handler) {
      queryHandler = handler;
    },
    setTable(dataset, table, metadata) {
      tables.set(`${dataset}.${table}`, metadata);
    },
    putObject(bucket, name, data) {
      storeObject(bucket, { name }, data);
    },
    getObject: (bucket, name) => objects.get(`${bucket}/${name}`),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * An auth client that hands out a fixed token without touching the network. BigQuery's client
 * authorises even custom endpoints (it has no `customEndpoint` switch); Storage skips auth there.
 */
export const FAKE_TOKEN = 'fake-token-for-tests';
export const fakeAuthClient = {
  getRequestHeaders: () => Promise.resolve(new Headers({ authorization: `Bearer ${FAKE_TOKEN}` })),
  getProjectId: () => Promise.resolve('test-project'),
};
