/**
 * A real process contending for the pipeline lock, for tests/integration/pipeline-lock.test.ts.
 * Round r starts at the same wall-clock instant in every contender (or, on a busy machine, as
 * soon as round r - 1 has ended); the holder keeps the lock until every other contender of its
 * round has tried and been refused, then checks it still holds it (nobody deleted or replaced
 * it) and releases. So the outcome of a round never depends on how late a process was scheduled.
 * Usage: node --import tsx lock-contender.ts <lock> <events.log> <t0 ms> <rounds> <interval ms> <hold ms> <contenders>
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { acquireLock } from '../../pipeline/lock';

const [
  lock = '',
  events = '',
  t0 = '0',
  rounds = '1',
  interval = '100',
  hold = '30',
  contenders = '1',
] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const note = (round: number, what: string) =>
  appendFileSync(events, `${round} ${process.pid} ${what}\n`);
/** How many events `what` round `round` has logged so far. */
const count = (round: number, what: string) =>
  readFileSync(events, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${round} `) && line.endsWith(` ${what}`)).length;
/** Waits until `done` holds, polling; gives up after `limit` ms (the test then fails on counts). */
async function until(done: () => boolean, limit = 30_000): Promise<void> {
  const end = Date.now() + limit;
  while (!done() && Date.now() < end) await sleep(10);
}

for (let round = 0; round < Number(rounds); round++) {
  if (round > 0) await until(() => count(round - 1, 'released') === 1);
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
  await until(() => count(round, 'refused') >= Number(contenders) - 1, 5_000);
  let holder: number | undefined;
  try {
    holder = (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid;
  } catch {
    holder = undefined; // deleted or unreadable: lost
  }
  note(round, holder === process.pid ? 'kept' : 'lost');
  await release();
  note(round, 'released');
}
