/**
 * End-to-end tests against the real app (`next start`, after `next build`) and the bundled-sample
 * warehouse at data/warehouse.duckdb. Chromium is Debian's; WebGL comes from SwiftShader; its
 * path and flags come from tools/chromium.ts, shared with the web bench.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from './tools/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The embed test's parent page runs here: a second origin the app must allow to frame /embed. */
export const EMBED_PARENT_PORT = Number(process.env.E2E_EMBED_PARENT_PORT ?? 3199);

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
          executablePath: chromiumExecutablePath(),
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
    // The suite makes far more API calls than one reader; tests/e2e/api-limits.spec.ts starts its
    // own server with a small limit to see the 429.
    env: {
      EMBED_ALLOWED_ORIGINS: `http://127.0.0.1:${EMBED_PARENT_PORT}`,
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT: '0',
    },
  },
});
