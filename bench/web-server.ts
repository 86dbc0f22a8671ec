/**
 * The real app for the web bench: `next start` (after `next build` if there is no build yet) in
 * its own process group, so stopping it stops every child it started. It runs from a snapshot of
 * `.next` in the temp dir (with links to what the server reads at run time), because others
 * rebuild `.next` in place while they work and a server reading a half-replaced build answers 500.
 * The snapshot stays outside the tree: builds, test runners and linters must never walk into it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunningApp {
  origin: string;
  stop: () => Promise<void>;
}

const NEXT_BIN = path.join('node_modules', 'next', 'dist', 'bin', 'next');

/** Builds the app once when `.next/BUILD_ID` is missing; retries while others' edits settle. */
export async function ensureBuild(root: string, attempts = 3): Promise<void> {
  for (let attempt = 1; !existsSync(path.join(root, '.next', 'BUILD_ID')); attempt++) {
    console.log(`web bench: next build (attempt ${attempt})`);
    const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status === 0) return;
    if (attempt >= attempts) throw new Error(`next build failed ${attempts} times`);
    await sleep(60_000);
  }
}

const buildId = (dir: string) => {
  const file = path.join(dir, '.next', 'BUILD_ID');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
};

/** What `next start` reads at run time besides `.next` (config/ holds the city configs). */
const RUNTIME_ENTRIES = ['node_modules', 'public', 'config', 'next.config.js', 'package.json'];

/**
 * Copies `.next` to `<tmp>/atlas-web-bench-<pid>/.next` and links the run-time entries, so the
 * server keeps one whole build however `.next` changes meanwhile. Returns the snapshot's dir.
 */
export async function snapshotBuild(root: string, attempts = 10): Promise<string> {
  const dir = path.join(tmpdir(), `atlas-web-bench-${process.pid}`);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = buildId(root);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      // .next/node_modules holds relative links to ../../node_modules: keep them as they are.
      cpSync(path.join(root, '.next'), path.join(dir, '.next'), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (source) => !source.startsWith(path.join(root, '.next', 'cache')),
      });
    } catch {
      // A build replaced files while they were copied: try again.
    }
    if (before !== null && before === buildId(root) && before === buildId(dir)) {
      for (const entry of RUNTIME_ENTRIES) {
        symlinkSync(path.join(root, entry), path.join(dir, entry));
      }
      return dir;
    }
    await sleep(15_000);
  }
  throw new Error('.next kept changing while it was copied');
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([
    new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
    sleep(ms).then(() => false),
  ]);
}

/** Starts `next start -p <port>` in `dir` and waits until /api/cities answers 200. */
export async function startApp(
  dir: string,
  port: number,
  env: Record<string, string>,
): Promise<RunningApp> {
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port)], {
    cwd: dir,
    env: { ...process.env, LOG_LEVEL: 'warn', API_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('next start did not start');

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    if (!(await waitForExit(child, 5_000))) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await waitForExit(child, 5_000);
    }
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode})`);
    try {
      const response = await fetch(`${origin}/api/cities`);
      await response.arrayBuffer();
      if (response.ok) return { origin, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`next start on ${port} did not answer /api/cities within 120 s`);
}
