/**
 * The server's logger: pino, JSON lines on stdout, level from LOG_LEVEL. Route handlers log real
 * errors here and send the browser only a safe message.
 */
import 'server-only';
import pino from 'pino';
import { getEnv } from '@/lib/env';

const globalForLogger = globalThis as unknown as { atlasLogger?: pino.Logger };

export function getLogger(): pino.Logger {
  globalForLogger.atlasLogger ??= pino({ name: 'atlas311', level: getEnv().LOG_LEVEL });
  return globalForLogger.atlasLogger;
}
