/** Scratch left in data/tmp by a killed run (spill folders, unpacked inputs, CSV tails) is cleared. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandbox } from '../support/pipeline';

describe('a run after a killed one', () => {
  const box = sandbox(['boston']);
  afterAll(() => box.cleanup());

  it('clears stale scratch folders and files instead of failing on them', async () => {
    const tmp = path.join(box.dir, 'tmp');
    for (const dir of ['spill-old', 'unpack-1-2']) {
      mkdirSync(path.join(tmp, dir, 'inner'), { recursive: true });
      writeFileSync(path.join(tmp, dir, 'inner', 'x'), 'x');
    }
    writeFileSync(path.join(tmp, 'rest-1-0.csv'), 'a\n');
    await box.run();
    for (const name of ['spill-old', 'unpack-1-2', 'rest-1-0.csv']) {
      expect(existsSync(path.join(tmp, name)), name).toBe(false);
    }
  });
});
