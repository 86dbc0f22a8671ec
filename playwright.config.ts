/**
 * End-to-end tests against the real app (`next start`, after `next build`) and the bundled-sample
 * warehouse at data/warehouse.duckdb. Chromium is Debian's; WebGL comes from SwiftShader.
 */
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The embed test's parent page runs here: a second origin the app must allow to frame /embed. */
export const EMBED_PARENT_PORT = Number(process.env.E2E_EMBED_PARENT_PORT ?? 3199);

export const CHROMIUM_ARGS = [
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
  ...(process.env.E2E_SWIFTSHADER
    ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']
    : []),
];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `http://localhost:${PORT}/api/cities`,
    reuseExistingServer: true,
    timeout: 120_000,
    env: { EMBED_ALLOWED_ORIGINS: `http://127.0.0.1:${EMBED_PARENT_PORT}`, LOG_LEVEL: 'warn' },
  },
});
