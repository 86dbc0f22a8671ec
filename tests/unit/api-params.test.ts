import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const logged: unknown[] = [];
vi.mock('@/lib/server/logger', () => ({
  getLogger: () => ({ error: (...args: unknown[]) => logged.push(args) }),
}));

import { InvalidViewError, NotFoundError } from '@/lib/api/errors';
import {
  errorResponse,
  logOnce,
  requireParams,
  requireSchema,
  requireView,
  runRoute,
} from '@/lib/api/route';
import { z } from 'zod';
import { WarehouseError } from '@/lib/warehouse/types';
import { frameHeaders } from '@/lib/server/frame-headers';

async function answer(
  query: string,
  handler = (p: URLSearchParams) => Promise.resolve(requireView(p)),
) {
  const response = await runRoute(
    new Request(`http://x/api/choropleth?${query}`),
    '/test',
    handler,
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('requireView', () => {
  it('fills defaults for a minimal view', () => {
    expect(requireView(new URLSearchParams('city=toronto&level=ward'))).toMatchObject({
      city: 'toronto',
      level: 'ward',
      metric: 'count',
      classification: 'quantile',
      classes: 5,
    });
  });

  it.each([
    ['city=toronto&level=ward&metric=bogus', 'metric'],
    ['city=toronto&level=Planet!', 'level'],
    ['city=toronto&level=ward&from=2024-13-01', 'from'],
    ['city=toronto&level=ward&from=2024-05-01&to=2024-01-01', 'from'],
    ['city=toronto&level=ward&colour=red', 'colour'],
    ['level=ward', 'city'],
    ['city=toronto&level=ward&classes=12', 'classes'],
  ])('rejects %s naming %s', (query, parameter) => {
    expect(() => requireView(new URLSearchParams(query))).toThrow(InvalidViewError);
    try {
      requireView(new URLSearchParams(query));
    } catch (error) {
      expect((error as InvalidViewError).parameter).toBe(parameter);
    }
  });
});

describe('requireParams', () => {
  it('names the first unknown parameter', () => {
    expect(() => requireParams(new URLSearchParams('city=x&oops=1'), ['city'])).toThrow(
      'Unknown parameter "oops".',
    );
  });
});

describe('requireSchema', () => {
  const schema = z.strictObject({ city: z.string(), limit: z.coerce.number().int().max(100) });

  it('returns the parsed values', () => {
    expect(requireSchema(new URLSearchParams('city=x&limit=5'), schema)).toEqual({
      city: 'x',
      limit: 5,
    });
  });

  it('names an unknown parameter as requireParams does, and a bad value by its name', () => {
    expect(() => requireSchema(new URLSearchParams('city=x&limit=5&oops=1'), schema)).toThrow(
      'Unknown parameter "oops".',
    );
    try {
      requireSchema(new URLSearchParams('city=x&limit=500'), schema);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidViewError).parameter).toBe('limit');
      expect((error as Error).message).toMatch(/^limit: /);
    }
  });
});

describe('runRoute', () => {
  it('answers 200 with the body and a short cache', async () => {
    const response = await runRoute(new Request('http://x/a'), '/a', () =>
      Promise.resolve({ ok: 1 }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=60');
  });

  it('answers 400 with error and parameter for a bad view', async () => {
    const { status, body } = await answer('city=toronto&level=ward&metric=bogus');
    expect(status).toBe(400);
    expect(body.parameter).toBe('metric');
    expect(String(body.error)).toMatch(/metric/);
  });

  it('answers 404 for data not loaded', async () => {
    const { status, body } = await answer('', () =>
      Promise.reject(new NotFoundError('No data for X')),
    );
    expect(status).toBe(404);
    expect(body.error).toBe('No data for X');
  });

  it('maps warehouse errors to 503/404 with their safe message', async () => {
    const unavailable = errorResponse(
      new WarehouseError('The warehouse is locked.', 'unavailable'),
      '/t',
    );
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({ error: 'The warehouse is locked.' });
    expect(errorResponse(new WarehouseError('missing', 'not-found'), '/t').status).toBe(404);
  });

  it('hides a bad query and an unknown error behind a 503 sentence, logging the real one', async () => {
    logged.length = 0;
    const bad = errorResponse(
      new WarehouseError('select * from secret', 'bad-query', { cause: new Error('Binder') }),
      '/t',
    );
    expect(bad.status).toBe(503);
    expect(JSON.stringify(await bad.json())).not.toContain('select');
    const { status, body } = await answer('', () => Promise.reject(new Error('stack trace here')));
    expect(status).toBe(503);
    expect(body.error).toMatch(/^The server could not answer this request/);
    expect(JSON.stringify(body)).not.toContain('stack trace');
    expect(logged).toHaveLength(2);
  });

  it('logs the same failure once, however often it repeats', async () => {
    logged.length = 0;
    for (let i = 0; i < 20; i++) {
      const { status } = await answer('', () => Promise.reject(new Error('disk on fire')));
      expect(status).toBe(503);
    }
    expect(logged).toHaveLength(1);
  });

  it('answers 404 naming the parameter for an unknown city', async () => {
    const { status, body } = await answer('', () =>
      Promise.reject(new NotFoundError('There is no city "x".', 'city')),
    );
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'There is no city "x".', parameter: 'city' });
  });
});

describe('logOnce', () => {
  it('writes again after the window with the count it held back', () => {
    const writes: number[] = [];
    const write = (n: number) => writes.push(n);
    expect(logOnce('k', write, 0)).toBe(true);
    expect(logOnce('k', write, 1000)).toBe(false);
    expect(logOnce('k', write, 2000)).toBe(false);
    expect(logOnce('k', write, 61_000)).toBe(true);
    expect(writes).toEqual([0, 2]);
  });
});

describe('frameHeaders', () => {
  it('lets our own origin and the allowed origins frame /embed pages', () => {
    expect(
      frameHeaders('/embed/map', ['https://news.example.org/path', 'http://127.0.0.1:3199']),
    ).toEqual({
      'Content-Security-Policy':
        "frame-ancestors 'self' https://news.example.org http://127.0.0.1:3199",
    });
    expect(frameHeaders('/embed/heatmap', [])).toEqual({
      'Content-Security-Policy': "frame-ancestors 'self'",
    });
    expect(frameHeaders('/embed/map', ['*'])['Content-Security-Policy']).toBe('frame-ancestors *');
  });

  it('refuses framing everywhere else, /embedded included', () => {
    for (const path of ['/', '/api/cities', '/embedded']) {
      expect(frameHeaders(path, ['https://news.example.org'])).toEqual({
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
      });
    }
  });
});

describe('isWarehouseError', () => {
  it('recognises a WarehouseError from another copy of the class by its shape', () => {
    const foreign = Object.assign(new Error('The warehouse is locked.'), {
      name: 'WarehouseError',
      kind: 'unavailable',
    });
    expect(errorResponse(foreign, '/t').status).toBe(503);
  });
});
