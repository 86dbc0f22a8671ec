/**
 * How this repository launches Chromium: Debian's headless build, WebGL from SwiftShader. One list
 * of flags shared by the end-to-end tests (playwright.config.ts) and the web bench
 * (bench/web-browser.ts), so that what the bench measures is the browser the tests drive.
 */

/** Debian's Chromium unless CHROMIUM_PATH points elsewhere. */
export function chromiumExecutablePath(
  env: Record<string, string | undefined> = process.env,
): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** The launch flags; SwiftShader's are added only when E2E_SWIFTSHADER is set. */
export function chromiumArgs(env: Record<string, string | undefined> = process.env): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Not needed with Debian's Chromium here (WebGL2 falls back to SwiftShader by itself); set
    // E2E_SWIFTSHADER=1 where a newer Chromium refuses software WebGL without them.
    ...(env.E2E_SWIFTSHADER ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'] : []),
  ];
}

export const CHROMIUM_ARGS = chromiumArgs();
