import { describe, expect, it } from 'vitest';
import { clientAddress, RateLimiter } from '@/lib/server/rate-limit';

describe('RateLimiter (token bucket)', () => {
  it('lets a client burst up to the limit, then answers with the seconds to its next token', () => {
    const limiter = new RateLimiter(3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t0).allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a', t0);
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfter: 20 });
    // One token comes back every 60 / 3 = 20 s.
    expect(limiter.take('a', t0 + 19_000).allowed).toBe(false);
    expect(limiter.take('a', t0 + 19_000).retryAfter).toBe(1);
    const back = limiter.take('a', t0 + 20_000);
    expect(back.allowed).toBe(true);
    expect(limiter.take('a', t0 + 20_000).allowed).toBe(false);
  });

  it('keeps one bucket per client and never refills past the limit', () => {
    const limiter = new RateLimiter(2);
    const t0 = 0;
    limiter.take('a', t0);
    limiter.take('a', t0);
    expect(limiter.take('a', t0).allowed).toBe(false);
    expect(limiter.take('b', t0).allowed).toBe(true);
    // An hour idle refills to 2, not 120.
    const later = t0 + 3_600_000;
    expect(limiter.take('a', later)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take('a', later).allowed).toBe(true);
    expect(limiter.take('a', later).allowed).toBe(false);
  });

  it('is off at 0 and refuses a bad limit', () => {
    const off = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(off.take('a', 0).allowed).toBe(true);
    expect(off.size).toBe(0);
    expect(() => new RateLimiter(-1)).toThrow(RangeError);
    expect(() => new RateLimiter(1.5)).toThrow(RangeError);
  });
});

describe('clientAddress', () => {
  const headers = (value?: string) =>
    new Headers(value === undefined ? {} : { 'x-forwarded-for': value });

  it('uses the right-most entry without trusted proxies (the one Next.js records)', () => {
    expect(clientAddress(headers('127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientAddress(headers('6.6.6.6, 10.0.0.9'), 0)).toBe('10.0.0.9');
    expect(clientAddress(headers(), 0)).toBe('unknown');
  });

  it('skips the trusted proxies from the right', () => {
    expect(clientAddress(headers('6.6.6.6, 203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
    expect(clientAddress(headers('203.0.113.7'), 3)).toBe('203.0.113.7');
  });
});
