/**
 * One pipeline at a time per data folder: a lock file created exclusively, holding the pid.
 * A lock left by a killed run (its pid no longer alive) is taken over, so a restart is never
 * blocked by the crash it is recovering from.
 */
import { open, readFile, rm } from 'node:fs/promises';

export async function acquireLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new Error(`Another pipeline run (pid ${pid}) holds ${file}; wait for it to finish.`);
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not take the pipeline lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
