/**
 * /docs/api: the API reference, rendered on the server from the same OpenAPI document that
 * GET /api/openapi.json serves (lib/api/openapi.ts), with the example requests and their live
 * answers. Plain HTML and CSS: no script, no external asset.
 */
import { headers } from 'next/headers';
import { isWarehouseError } from '@/lib/api/route';
import { API_ROUTES, buildOpenApi, exampleUrl, type OpenApiDocument } from '@/lib/api/openapi';
import { openApiDocument } from '@/lib/server/openapi-examples';
import { getEnv } from '@/lib/env';
import './api-docs.css';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Atlas 311 · API reference' };

type JsonSchema = Record<string, unknown>;

interface Parameter {
  name: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Answer {
  description: string;
  content?: Record<string, { example?: unknown; schema?: JsonSchema }>;
}

/** A parameter's type in a few words: "integer 3–9, default 5", "one of a, b". */
function typeWords(schema: JsonSchema): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.join(', ')}`);
  else if (schema.format === 'date') parts.push('date (YYYY-MM-DD)');
  else if (typeof schema.type === 'string') parts.push(schema.type);
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
    parts.push(`${schema.minimum}–${schema.maximum}`);
  }
  if (typeof schema.maxLength === 'number') parts.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(', ');
}

const anchor = (path: string) => `route-${path.slice(1).replaceAll(/[^a-z0-9]+/gi, '-')}`;

async function documentWithExamples(): Promise<{ doc: OpenApiDocument; live: boolean }> {
  try {
    return { doc: await openApiDocument(), live: true };
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    return { doc: buildOpenApi(), live: false };
  }
}

export default async function ApiDocsPage() {
  const { doc, live } = await documentWithExamples();
  const host = (await headers()).get('host') ?? 'localhost:3000';
  const origin = `http://${host}`;
  const limit = getEnv().API_RATE_LIMIT;
  const paths = doc.paths as Record<
    string,
    {
      get: {
        summary: string;
        description: string;
        parameters: Parameter[];
        responses: Record<string, Answer>;
      };
    }
  >;
  return (
    <main className="api-docs">
      <header>
        <p className="api-docs-crumbs">
          <a href="/">Atlas 311 dashboard</a> · <a href="/status">Data status</a>
        </p>
        <h1>{doc.info.title}</h1>
        <p className="api-docs-lead">{doc.info.summary}</p>
      </header>

      <section aria-labelledby="basics">
        <h2 id="basics">Basics</h2>
        <ul>
          <li>
            Read-only JSON over <code>GET</code> at <code>{origin}/api/…</code>. The
            machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a>{' '}
            (OpenAPI {doc.openapi}, generated from the schemas the routes validate with).
          </li>
          <li>
            Any site may call the API from a browser: answers carry{' '}
            <code>Access-Control-Allow-Origin: *</code>; preflight requests are answered; no cookies
            or credentials are read.
          </li>
          <li>
            {limit > 0 ? (
              <>
                Each client may make <strong>{limit} requests a minute</strong>; past that the
                answer is <code>429</code> with a <code>Retry-After</code> header (seconds).
              </>
            ) : (
              <>This server runs without a request limit (API_RATE_LIMIT=0).</>
            )}
          </li>
          <li>
            Errors are JSON <code>{'{ "error": "…", "parameter": "…" }'}</code>: <code>400</code>{' '}
            names the bad or unknown parameter, <code>404</code> an unknown city, level or area,{' '}
            <code>503</code> a warehouse that cannot answer just now.
          </li>
          <li>
            Each answer names the source of its city&apos;s data (<code>attribution</code>); cite it
            when you republish the figures.
          </li>
          <li>
            Feeds: <code>/feed/&lt;city&gt;.atom</code> and{' '}
            <code>/feed/&lt;city&gt;/&lt;level&gt;/&lt;area&gt;.atom</code> (Atom 1.0, one entry per
            completed month), such as <a href="/feed/toronto.atom">/feed/toronto.atom</a>.
          </li>
        </ul>
        {live ? null : (
          <p className="api-docs-note" role="status">
            No warehouse is published yet, so the example answers are left out.
          </p>
        )}
      </section>

      <nav aria-label="Routes" className="api-docs-toc">
        <h2>Routes</h2>
        <ul>
          {Object.entries(paths).map(([path, item]) => (
            <li key={path}>
              <a href={`#${anchor(path)}`}>
                <code>GET {path}</code>
              </a>{' '}
              {item.get.summary}
            </li>
          ))}
        </ul>
      </nav>

      {Object.entries(paths).map(([path, item]) => {
        const route = API_ROUTES.find((r) => r.path === path);
        const url = route ? exampleUrl(route) : path;
        return (
          <section
            key={path}
            id={anchor(path)}
            className="api-route"
            aria-labelledby={`${anchor(path)}-h`}
          >
            <h2 id={`${anchor(path)}-h`}>
              <span className="api-method">GET</span> <code>{path}</code>
            </h2>
            <p>
              <strong>{item.get.summary}.</strong> {item.get.description}
            </p>
            {item.get.parameters.length ? (
              <table className="api-params">
                <caption>Query parameters</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {item.get.parameters.map((p) => (
                    <tr key={p.name}>
                      <th scope="row">
                        <code>{p.name}</code>
                        {p.required ? <span className="api-required"> required</span> : null}
                      </th>
                      <td>{typeWords(p.schema)}</td>
                      <td>{p.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No parameters.</p>
            )}
            <h3>Example request</h3>
            <pre className="api-example">
              <code>{`curl '${origin}${url}'`}</code>
            </pre>
            <h3>Responses</h3>
            <dl className="api-responses">
              {Object.entries(item.get.responses).map(([code, answer]) => {
                const example = answer.content?.['application/json']?.example;
                return (
                  <div key={code} className="api-response">
                    <dt>
                      <span className={`api-status api-status-${code[0]}xx`}>{code}</span>
                    </dt>
                    <dd>
                      <p>{answer.description}</p>
                      {example === undefined ? null : code === '200' ? (
                        <details>
                          <summary>Example answer (long arrays shortened to three items)</summary>
                          <pre className="api-example">
                            <code>{JSON.stringify(example, null, 2)}</code>
                          </pre>
                        </details>
                      ) : (
                        <pre className="api-example">
                          <code>{JSON.stringify(example, null, 2)}</code>
                        </pre>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
    </main>
  );
}
