/**
 * Restartability: the real CLI is killed (SIGKILL, no chance to clean up) at several points,
 * then run again; the warehouse must equal the one an uninterrupted run builds.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, ROOT, sandbox, type Sandbox } from '../support/pipeline';

/** Runs the CLI; if `killAt` names a step, SIGKILLs it as soon as that step logs. */
function cli(
  warehouse: string,
  killAt?: string,
): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), so SIGKILL really stops the pipeline mid-step.
    const args = [
      '--import',
      'tsx',
      'pipeline/cli.ts',
      '--city',
      'toronto',
      '--warehouse',
      warehouse,
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let killed = false;
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (killAt && !killed && buffer.includes(`"step":"${killAt}"`)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, killed }));
  });
}

describe('killing the pipeline and running it again', () => {
  let reference: Sandbox;
  let expected: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    reference = sandbox(['toronto']);
    const result = await cli(reference.warehouse);
    expect(result.code).toBe(0);
    expected = await fingerprint(reference);
  });
  afterAll(() => reference.cleanup());

  for (const killAt of ['reference', 'load sr2024-2025-sample.csv', 'marts', 'data tests']) {
    it(`gives the same warehouse after a kill at "${killAt}"`, async () => {
      const box = sandbox(['toronto']);
      try {
        const first = await cli(box.warehouse, killAt);
        expect(first.killed).toBe(true);
        // A killed run publishes nothing: the last good warehouse (here: none) stays.
        expect(existsSync(box.warehouse)).toBe(false);
        const second = await cli(box.warehouse);
        expect(second.code).toBe(0);
        expect(await fingerprint(box)).toEqual(expected);
        // The orphaned build file of the killed run was cleaned up.
        expect(readdirSync(path.join(box.dir, 'tmp'))).toEqual([]);
      } finally {
        box.cleanup();
      }
    });
  }

  it('gives the same warehouse after a kill during an incremental run on top of a published one', async () => {
    const box = sandbox(['toronto']);
    try {
      expect((await cli(box.warehouse)).code).toBe(0);
      const killed = await cli(box.warehouse, 'prepare build');
      expect(killed.killed).toBe(true);
      expect(await fingerprint(box)).toEqual(expected);
      expect((await cli(box.warehouse)).code).toBe(0);
      expect(await fingerprint(box)).toEqual(expected);
    } finally {
      box.cleanup();
    }
  });
});
