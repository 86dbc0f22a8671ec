/**
 * A real process contending for the pipeline lock, for tests/integration/pipeline-lock.test.ts.
 * Round r starts at the same wall-clock instant in every contender; the holder keeps the lock
 * for a while, then checks it still holds it (nobody deleted or replaced it) and releases.
 * Usage: node --import tsx lock-contender.ts <lock> <events.log> <t0 ms> <rounds> <interval ms> <hold ms>
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { acquireLock } from '../../pipeline/lock';

const [lock = '', events = '', t0 = '0', rounds = '1', interval = '100', hold = '30'] =
  process.argv.slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const note = (round: number, what: string) =>
  appendFileSync(events, `${round} ${process.pid} ${what}\n`);

for (let round = 0; round < Number(rounds); round++) {
  await sleep(Number(t0) + round * Number(interval) - Date.now());
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquireLock(lock, { warn: () => note(round, 'takeover') });
  } catch (error) {
    note(round, (error as Error).name === 'LockHeldError' ? 'refused' : `error ${String(error)}`);
    continue;
  }
  note(round, 'acquired');
  await sleep(Number(hold));
  let holder: number | undefined;
  try {
    holder = (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid;
  } catch {
    holder = undefined; // deleted or unreadable: lost
  }
  note(round, holder === process.pid ? 'kept' : 'lost');
  await release();
}
