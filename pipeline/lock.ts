/**
 * One pipeline at a time per data folder.
 *
 * The lock is created whole or not at all: the holder's pid, host, process start time and a
 * nonce are written to a private temporary file, which is then hard-linked to the lock path.
 * `link()` fails with EEXIST when the lock exists, so two runs can never both succeed, and a
 * reader never sees a lock without its content (the old open-then-write left a window in which
 * a second run read an empty file, judged it stale and deleted it).
 *
 * A lock whose holder is gone (pid not alive) or is no longer the holder (the pid was recycled:
 * another process with another start time) is taken over with a log line, so a restart is never
 * blocked by the crash it is recovering from. Taking over is itself serialised by a short-lived
 * guard file (same link() trick), and the stale lock is removed only if it still holds exactly
 * the content judged stale, so a takeover can never remove a lock a live run has just taken.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  started: string;
  /** The holder's process start time (Linux: clock ticks after boot), to detect recycled pids. */
  procStart: string | null;
  nonce: string;
}

export interface LockLogger {
  warn(fields: object, message: string): void;
}

export class LockHeldError extends Error {
  override name = 'LockHeldError';
}

/** A guard older than this was left by a run killed mid-takeover (it is held for microseconds). */
const GUARD_STALE_MS = 10_000;

export async function acquireLock(file: string, log?: LockLogger): Promise<() => Promise<void>> {
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    procStart: processStart(process.pid),
    nonce: randomBytes(8).toString('hex'),
  };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await linkNew(file, content)) {
      return async () => {
        // Release only our own lock: never a lock someone took over from us.
        const current = await readFile(file, 'utf8').catch(() => null);
        if (current === content) await rm(file, { force: true });
      };
    }
    const seen = await readFile(file, 'utf8').catch(() => null);
    if (seen === null) continue; // released in between: try again
    const holder = parseHolder(seen);
    const verdict = holder ? judge(holder) : 'unreadable';
    if (verdict === 'alive') {
      throw new LockHeldError(
        `Another pipeline run (pid ${holder!.pid} on ${holder!.host}, since ${holder!.started}) ` +
          `holds ${file}; wait for it to finish.`,
      );
    }
    if (verdict === 'other-host') {
      throw new LockHeldError(
        `${file} is held by pid ${holder!.pid} on another host (${holder!.host}), since ` +
          `${holder!.started}; this host cannot tell whether it still runs. Delete the file if it does not.`,
      );
    }
    if (await takeOver(file, seen)) {
      log?.warn({ lock: file, holder: holder ?? seen, verdict }, 'stale pipeline lock taken over');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new LockHeldError(`Could not take the pipeline lock ${file}: it kept changing hands.`);
}

/** Creates `file` with `content` atomically; false when it already exists. */
async function linkNew(file: string, content: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Removes the lock if it still holds `stale`, under a guard so only one run does it at a time. */
async function takeOver(file: string, stale: string): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (!(await linkNew(guard, String(process.pid)))) {
    const age = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > GUARD_STALE_MS) await rm(guard, { force: true });
    return false;
  }
  try {
    const current = await readFile(file, 'utf8').catch(() => null);
    if (current !== stale) return false;
    await rm(file, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return {
      pid: value.pid,
      host: value.host,
      started: String(value.started ?? '?'),
      procStart: typeof value.procStart === 'string' ? value.procStart : null,
      nonce: String(value.nonce ?? ''),
    };
  } catch {
    // A bare pid, as written by older versions.
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0
      ? { pid, host: hostname(), started: '?', procStart: null, nonce: '' }
      : null;
  }
}

export function judge(holder: LockHolder): 'alive' | 'gone' | 'recycled' | 'other-host' {
  if (holder.host !== hostname()) return 'other-host';
  if (!isAlive(holder.pid)) return 'gone';
  // Alive, but a different process than the one that took the lock: its pid was reused.
  const start = processStart(holder.pid);
  if (holder.procStart && start && start !== holder.procStart) return 'recycled';
  return 'alive';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat: when the process started. Null where /proc does not exist. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
