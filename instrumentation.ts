/**
 * Runs once when the server starts: parse the environment and the city configs so a bad value
 * stops the server at once, with a message naming the variable or the file and field, instead of
 * failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parseEnv } = await import('./lib/env');
  const { loadCities } = await import('./lib/cities');
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
