/**
 * Extract progress kept outside the warehouse build (which a killed run throws away), one JSON
 * file per city and source, rewritten atomically. Cleared only after a publish, so a killed run
 * resumes paging where it stopped, and its already-landed pages are loaded from the lake.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Checkpoint } from './sources/types';

export class FileCheckpoint implements Checkpoint {
  private readonly values: Map<string, string>;

  constructor(private readonly file: string) {
    this.values = new Map(
      existsSync(file)
        ? Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
        : [],
    );
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(Object.fromEntries(this.values)));
    await rename(temporary, this.file);
  }

  async clear(): Promise<void> {
    this.values.clear();
    await rm(this.file, { force: true });
  }
}
