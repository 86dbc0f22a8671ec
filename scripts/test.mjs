#!/usr/bin/env node
// `npm test`: everything, prepared from a clean checkout.
//   1. Chromium from Debian when it is missing (the e2e tests drive the real browser).
//   2. Unit and integration tests (vitest; the integration tests run the pipeline into
//      temporary DuckDB files).
//   3. The sample warehouse (npm run pipeline), a production build, and the Playwright
//      end-to-end tests against `next start`.
// It ends with one line "N passed, N failed" summing every runner.
// `--e2e-only` skips step 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const e2eOnly = process.argv.includes('--e2e-only');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const env = {
  ...process.env,
  TZ: 'UTC',
  METADATA_SERVER_DETECTION: 'none',
  NEXT_TELEMETRY_DISABLED: '1',
};

function run(command, args, extraEnv = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  return result.status ?? 1;
}

function findChromium() {
  for (const candidate of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function ensureChromium() {
  if (findChromium()) return;
  console.log("Chromium is missing: installing Debian's chromium package (needs root).");
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const apt = (...args) =>
    run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, {
      DEBIAN_FRONTEND: 'noninteractive',
    });
  if (
    apt('update') !== 0 ||
    apt('install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core') !== 0
  ) {
    console.error(
      'Could not install chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
let exitCode = 0;

if (!e2eOnly) {
  const report = path.join(out, 'vitest.json');
  rmSync(report, { force: true });
  const status = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ]);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    failed += (json.numFailedTests ?? 0) + (status !== 0 && !json.numFailedTests ? 1 : 0);
  } else if (status !== 0) failed += 1;
  if (status !== 0) exitCode = 1;
}

ensureChromium();
if (run('npx', ['tsx', 'pipeline/cli.ts']) !== 0) {
  console.error('The sample pipeline failed; the end-to-end tests need its warehouse.');
  failed += 1;
  exitCode = 1;
} else if (run('npx', ['next', 'build']) !== 0) {
  failed += 1;
  exitCode = 1;
} else {
  const report = path.join(out, 'playwright.json');
  rmSync(report, { force: true });
  const status = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
    passed += stats.expected ?? 0;
    failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  } else if (status !== 0) failed += 1;
  if (status !== 0) exitCode = 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
