/**
 * A per-client token bucket for /api/*: each client holds up to `limit` tokens, refilled at
 * `limit` per minute; a request takes one, and a client with none left is answered 429 with the
 * seconds until its next token (Retry-After). `limit` 0 turns the limit off. Pure except for the
 * clock it is given, so it is unit-testable; proxy.ts keeps one bucket set per server process.
 */

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the client may try again (0 when allowed). */
  retryAfter: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Clients remembered at most; a full bucket is forgotten first (it carries no state). */
const MAX_CLIENTS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`The rate limit must be a whole number ≥ 0, not ${limit}.`);
    }
    this.perMs = limit / 60_000;
  }

  take(client: string, now: number = Date.now()): RateDecision {
    const limit = this.limit;
    if (limit === 0) return { allowed: true, limit, remaining: 0, retryAfter: 0 };
    const bucket = this.buckets.get(client) ?? { tokens: limit, updated: now };
    bucket.tokens = Math.min(limit, bucket.tokens + Math.max(0, now - bucket.updated) * this.perMs);
    bucket.updated = now;
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > MAX_CLIENTS) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit, remaining: Math.floor(bucket.tokens), retryAfter: 0 };
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
    return { allowed: false, limit, remaining: 0, retryAfter };
  }

  /** Clients currently remembered (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number) {
    for (const [client, bucket] of this.buckets) {
      const tokens = bucket.tokens + (now - bucket.updated) * this.perMs;
      if (tokens >= this.limit) this.buckets.delete(client);
    }
    // Still too many busy clients: forget the least recently seen.
    while (this.buckets.size > MAX_CLIENTS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}

/**
 * The client address a request is counted against. Next.js 16 gives proxy.ts no socket: it
 * writes the connection's address into x-forwarded-for when the request has none, and keeps a
 * value the client sent. With `trustedProxies` = N (TRUST_PROXY) the N proxies in front each
 * appended the address they saw, so the client is the N-th entry from the right; without it only
 * the right-most entry counts (Next's own when the client sent nothing), so a client that sends a
 * forged chain cannot pick another client's bucket by listing its address first.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return 'unknown';
  const index = hops.length - Math.max(1, trustedProxies);
  return hops[Math.max(0, index)]!;
}
