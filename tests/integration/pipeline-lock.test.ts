/**
 * The pipeline lock under real contention: several processes start at the same instant, round
 * after round, and exactly one holds the lock each time, keeps it until it releases it, and a
 * stale lock (dead or recycled pid) is taken over by exactly one of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { acquireLock, LockHeldError, processStart } from '@/pipeline/lock';

const ROOT = path.resolve(__dirname, '..', '..');
const CONTENDER = path.join(ROOT, 'tests', 'support', 'lock-contender.ts');
const CONTENDERS = 4;
// The hold is long next to scheduling delays on a busy machine, so a late contender still
// finds the round's holder there.
const ROUNDS = 30;
const INTERVAL_MS = 450;
const HOLD_MS = 200;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  // A process that has exited: its pid is not alive (and not reused this quickly).
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString());
}

function staleLock(pid: number, procStart: string | null): string {
  return JSON.stringify({
    pid,
    host: hostname(),
    started: '2026-01-01T00:00:00Z',
    procStart,
    nonce: 'x',
  });
}

async function contend(lock: string, events: string, t0: number): Promise<void> {
  const children = Array.from({ length: CONTENDERS }, () =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CONTENDER,
        lock,
        events,
        String(t0),
        String(ROUNDS),
        String(INTERVAL_MS),
        String(HOLD_MS),
        String(CONTENDERS),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    ),
  );
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) =>
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
        ),
    ),
  );
}

describe('acquireLock', () => {
  it(
    'lets exactly one of several simultaneous processes hold the lock, every round',
    async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'atlas311-lock-'));
      const lock = path.join(dir, 'pipeline.lock');
      const events = path.join(dir, 'events.log');
      writeFileSync(events, '');
      // Every fourth round starts on a stale lock: a dead pid, or a live pid of another process.
      const dead = deadPid();
      const t0 = Date.now() + 3000; // the contenders are up and waiting by then
      const timers: NodeJS.Timeout[] = [];
      let staleWritten = 0;
      for (let round = 0; round < ROUNDS; round += 4) {
        const content =
          round % 8 === 0 ? staleLock(dead, null) : staleLock(process.pid, 'not-my-start-time');
        const plant = () => {
          try {
            // Only between rounds: never over a live holder's lock.
            writeFileSync(lock, content, { flag: 'wx' });
            staleWritten += 1;
          } catch {
            // the previous holder was still there: no stale lock this round
          }
        };
        timers.push(setTimeout(plant, t0 + round * INTERVAL_MS - INTERVAL_MS / 4 - Date.now()));
      }
      await contend(lock, events, t0);
      timers.forEach(clearTimeout);

      const byRound = new Map<number, string[]>();
      for (const line of readFileSync(events, 'utf8').trim().split('\n')) {
        const [round, , what] = line.split(' ');
        byRound.set(Number(round), [...(byRound.get(Number(round)) ?? []), what ?? '']);
      }
      expect(byRound.size).toBe(ROUNDS);
      for (const [round, what] of byRound) {
        const count = (w: string) => what.filter((x) => x === w).length;
        expect({ round, acquired: count('acquired') }).toEqual({ round, acquired: 1 });
        expect({ round, kept: count('kept'), lost: count('lost') }).toEqual({
          round,
          kept: 1,
          lost: 0,
        });
        expect({ round, refused: count('refused') }).toEqual({ round, refused: CONTENDERS - 1 });
        expect(count('takeover')).toBeLessThanOrEqual(1);
      }
      // Every stale lock planted was taken over exactly once, with a log line.
      const takeovers = [...byRound.values()].flat().filter((w) => w === 'takeover').length;
      expect(staleWritten).toBeGreaterThan(ROUNDS / 8);
      expect(takeovers).toBe(staleWritten);
    },
    ROUNDS * INTERVAL_MS + 30_000,
  );

  it('lets one of three pipeline runs started at once publish; the others are refused by the lock', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas311-lock-'));
    const warehouse = path.join(dir, 'warehouse.duckdb');
    const exits: { code: number | null; stderr: string }[] = [];
    for (let round = 0; round < 3; round++) {
      const runs = Array.from({ length: 3 }, () => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'pipeline/cli.ts', '--city', 'boston', '--warehouse', warehouse],
          {
            cwd: ROOT,
            env: { ...process.env, LOG_LEVEL: 'error' },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        return new Promise<{ code: number | null; stderr: string }>((resolve) =>
          child.on('exit', (code) => resolve({ code, stderr })),
        );
      });
      exits.push(...(await Promise.all(runs)));
    }
    // Each run either published or was refused naming the holder: no other failure (a run
    // whose build file another run deleted fails with DuckDB or file errors instead).
    for (const exit of exits) {
      if (exit.code !== 0)
        expect(exit.stderr).toMatch(/step "lock": Another pipeline run \(pid \d+/);
      expect([0, 1]).toContain(exit.code);
    }
    // Each round one run published, and the runs did overlap (some were refused).
    expect(exits.filter((e) => e.code === 0).length).toBeGreaterThanOrEqual(3);
    expect(exits.filter((e) => e.code === 1).length).toBeGreaterThan(0);
    const log = readFileSync(path.join(dir, 'runs.jsonl'), 'utf8').trim().split('\n');
    expect(log.filter((l) => l.includes('"status":"success"'))).toHaveLength(
      exits.filter((e) => e.code === 0).length,
    );
    expect(log.filter((l) => l.includes('"step":"lock"'))).toHaveLength(
      exits.filter((e) => e.code === 1).length,
    );
    const db = await openDuckDb(warehouse, { readOnly: true });
    try {
      expect(await db.query(`select count(*) as n from fact_requests`)).toEqual([{ n: 100 }]);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('refuses while a live holder has it, naming the pid, and lets a second run in after release', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas311-lock-'));
    const lock = path.join(dir, 'pipeline.lock');
    const release = await acquireLock(lock);
    const holder = JSON.parse(readFileSync(lock, 'utf8')) as Record<string, unknown>;
    expect(holder).toMatchObject({
      pid: process.pid,
      host: hostname(),
      procStart: processStart(process.pid),
    });
    await expect(acquireLock(lock)).rejects.toThrow(LockHeldError);
    await expect(acquireLock(lock)).rejects.toThrow(`pid ${process.pid}`);
    await release();
    const again = await acquireLock(lock);
    await again();
  });

  it('takes over a lock whose pid now belongs to another process, with a log line', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas311-lock-'));
    const lock = path.join(dir, 'pipeline.lock');
    writeFileSync(lock, staleLock(process.pid, 'some-other-start'));
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const release = await acquireLock(lock, log);
    expect(lines.join('')).toContain('stale pipeline lock taken over');
    expect(lines.join('')).toContain('recycled');
    await release();
  });
});
