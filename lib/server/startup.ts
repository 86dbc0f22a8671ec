/**
 * Node-only startup checks, imported by instrumentation.ts: parse the environment and the city
 * configs, and stop the process with a message naming the variable or file if one is wrong.
 */
import { parseEnv } from '@/lib/env';
import { loadCities } from '@/lib/cities';

export function checkStartup(): void {
  try {
    parseEnv();
    loadCities();
  } catch (error) {
    console.error(
      `\nAtlas 311 cannot start.\n${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
