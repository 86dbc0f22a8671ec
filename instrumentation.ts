/**
 * Runs once when the server starts: a bad environment value or city config stops the server at
 * once, with a message naming it, instead of failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkStartup } = await import('./lib/server/startup');
    checkStartup();
  }
}
