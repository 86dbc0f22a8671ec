/**
 * /docs/api: the API reference, rendered on the server from the same OpenAPI document that
 * GET /api/openapi.json serves (lib/api/openapi.ts), with the example requests and their live
 * answers. Plain HTML and CSS: no script, no external asset.
 */
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { isWarehouseError } from '@/lib/api/route';
import { API_ROUTES, buildOpenApi, exampleUrl, type OpenApiDocument } from '@/lib/api/openapi';
import { openApiDocument } from '@/lib/server/openapi-examples';
import { getEnv } from '@/lib/env';
import { LANG_PARAM, withLang } from '@/lib/i18n/locales';
import './api-docs.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('apiDocs');
  return { title: t('title') };
}

type DocsTranslator = Awaited<ReturnType<typeof getTranslations<'apiDocs'>>>;

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
function typeWords(schema: JsonSchema, t: DocsTranslator): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(t('type.oneOf', { values: schema.enum.join(', ') }));
  else if (schema.format === 'date') parts.push(t('type.date'));
  else if (typeof schema.type === 'string') parts.push(schema.type);
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
    parts.push(t('type.range', { min: schema.minimum, max: schema.maximum }));
  }
  if (typeof schema.maxLength === 'number') {
    parts.push(t('type.maxLength', { max: schema.maxLength }));
  }
  if (schema.default !== undefined) {
    parts.push(t('type.default', { value: JSON.stringify(schema.default) }));
  }
  return parts.join(', ');
}

/** The HTTP method and the shell command: code, not words, the same in every language. */
const METHOD = 'GET';
const curl = (url: string) => ['curl', `'${url}'`].join(' ');

const code = (chunks: ReactNode) => <code>{chunks}</code>;
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

const anchor = (path: string) => `route-${path.slice(1).replaceAll(/[^a-z0-9]+/gi, '-')}`;

async function documentWithExamples(): Promise<{ doc: OpenApiDocument; live: boolean }> {
  try {
    return { doc: await openApiDocument(), live: true };
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    return { doc: buildOpenApi(), live: false };
  }
}

export default async function ApiDocsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const langParam = (await searchParams)[LANG_PARAM];
  const lang = typeof langParam === 'string' ? langParam : undefined;
  const [t, locale] = await Promise.all([getTranslations('apiDocs'), getLocale()]);
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
          <a href={withLang('/', lang)}>{t('dashboard')}</a> ·{' '}
          <a href={withLang('/status', lang)}>{t('status')}</a>
        </p>
        <h1>{doc.info.title}</h1>
        <p className="api-docs-lead">{doc.info.summary}</p>
        {locale === 'en' ? null : <p className="api-docs-note">{t('englishNote')}</p>}
      </header>

      <section aria-labelledby="basics">
        <h2 id="basics">{t('basics')}</h2>
        <ul>
          <li>
            {t.rich('readOnly', {
              origin,
              version: doc.openapi,
              code,
              link: (chunks) => <a href="/api/openapi.json">{chunks}</a>,
            })}
          </li>
          <li>{t.rich('cors', { code })}</li>
          <li>{limit > 0 ? t.rich('limit', { limit, code, strong }) : t('noLimit')}</li>
          <li>{t.rich('errors', { shape: '{ "error": "…", "parameter": "…" }', code })}</li>
          <li>{t.rich('attribution', { code })}</li>
          <li>
            {t.rich('feeds', {
              cityFeed: '/feed/<city>.atom',
              areaFeed: '/feed/<city>/<level>/<area>.atom',
              code,
              link: (chunks) => <a href={withLang('/feed/toronto.atom', lang)}>{chunks}</a>,
            })}
          </li>
        </ul>
        {live ? null : (
          <p className="api-docs-note" role="status">
            {t('noWarehouse')}
          </p>
        )}
      </section>

      <nav aria-label={t('routes')} className="api-docs-toc">
        <h2>{t('routes')}</h2>
        <ul>
          {Object.entries(paths).map(([path, item]) => (
            <li key={path}>
              <a href={`#${anchor(path)}`}>
                <code>{`${METHOD} ${path}`}</code>
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
              <span className="api-method">{METHOD}</span> <code>{path}</code>
            </h2>
            <p>
              <strong>{item.get.summary}.</strong> {item.get.description}
            </p>
            {item.get.parameters.length ? (
              <table className="api-params">
                <caption>{t('parameters')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('column.name')}</th>
                    <th scope="col">{t('column.type')}</th>
                    <th scope="col">{t('column.description')}</th>
                  </tr>
                </thead>
                <tbody>
                  {item.get.parameters.map((p) => (
                    <tr key={p.name}>
                      <th scope="row">
                        <code>{p.name}</code>
                        {p.required ? <span className="api-required">{t('required')}</span> : null}
                      </th>
                      <td>{typeWords(p.schema, t)}</td>
                      <td>{p.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">{t('noParameters')}</p>
            )}
            <h3>{t('exampleRequest')}</h3>
            <pre className="api-example">
              <code>{curl(`${origin}${url}`)}</code>
            </pre>
            <h3>{t('responses')}</h3>
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
                          <summary>{t('exampleAnswer')}</summary>
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
