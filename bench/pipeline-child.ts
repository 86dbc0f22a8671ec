/**
 * One measured pipeline job in its own process, so peak memory (maxRSS, which includes DuckDB's
 * native allocations) belongs to that job alone. Prints one JSON line on stdout, with the
 * pipeline's seconds per stage (its steps, and the phases inside a file's load: read, stage,
 * "type, judge and dedupe" (one scan), quarantine, upsert, areas; and each mart), so the gap to the floor is visible stage by stage.
 *   floor <csv> <duckdb>          DuckDB's bare read_csv of the file into a table
 *   pipeline <csv> <warehouse>    the full pipeline (--source file) into the warehouse
 *   spatial <csv> -               the grid spatial join (pipeline/spatial.ts) over the file's
 *                                 points, every San Francisco level: points per second
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { boundaryFile, loadCities } from '@/lib/cities';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { runPipeline } from '@/pipeline/run';
import { loadAreaIndex } from '@/pipeline/spatial';
import { literal } from '@/pipeline/sql-text';

const [mode, file, target] = process.argv.slice(2);
if (!mode || !file || !target)
  throw new Error('usage: pipeline-child floor|pipeline <csv> <duckdb>');
const started = performance.now();
let rows = 0;
const stages: Record<string, number> = {};
const add = (name: string, seconds: number) => {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  stages[key] = Math.round(((stages[key] ?? 0) + seconds) * 1000) / 1000;
};
if (mode === 'floor') {
  rmSync(target, { force: true });
  const db = await openDuckDb(target);
  await db.run(`create table requests as select * from read_csv(${literal(file)})`);
  rows = (await db.query<{ n: number }>('select count(*) as n from requests'))[0]?.n ?? 0;
  await db.run('checkpoint');
  await db.close();
} else if (mode === 'pipeline') {
  const city = loadCities().get('san-francisco');
  if (!city) throw new Error('no san-francisco config');
  const result = await runPipeline({
    cities: [city],
    source: 'file',
    filePath: file,
    warehousePath: target,
    rootDir: process.cwd(),
    lakeDir: path.join(path.dirname(target), 'lake'),
    // Debug lines carry the load phases; only those are kept, warnings and worse go to stderr.
    log: pino(
      { level: 'debug' },
      {
        write(line: string) {
          const entry = JSON.parse(line) as {
            msg?: string;
            phase?: string;
            mart?: string;
            seconds?: number;
          };
          if (entry.msg === 'load phase' && entry.phase)
            add(`load.${entry.phase}`, entry.seconds ?? 0);
          else if (entry.msg === 'mart built' && entry.mart)
            add(`marts.${entry.mart}`, entry.seconds ?? 0);
          else if ((entry as { level?: number }).level! >= 40) process.stderr.write(line);
        },
      },
    ),
  });
  rows = result.cities[0]?.rowsRead ?? 0;
  // Steps named after their file ("load sf-1m.csv") count as one stage, "load".
  for (const step of result.steps)
    add(step.step.startsWith('load ') ? 'load' : step.step, step.seconds);
  if (process.env.BENCH_STEPS) console.error(JSON.stringify(result.steps));
} else if (mode === 'spatial') {
  const city = loadCities().get('san-francisco');
  if (!city) throw new Error('no san-francisco config');
  const db = await openDuckDb(':memory:');
  const chunk = await db.connection.runAndReadAll(
    `select cast(long as double) as x, cast(lat as double) as y
     from read_csv(${literal(file)}, all_varchar = true) where lat is not null and long is not null`,
  );
  const [xs = [], ys = []] = chunk.getColumnsJS() as [number[], number[]];
  await db.close();
  let spatialSeconds = 0;
  for (const level of city.levels) {
    const index = loadAreaIndex(level.id, boundaryFile(process.cwd(), level));
    const t0 = performance.now();
    let placed = 0;
    for (let i = 0; i < xs.length; i++) if (index.assignIndex(xs[i]!, ys[i]!) >= 0) placed++;
    const levelSeconds = (performance.now() - t0) / 1000;
    add(`spatial.${level.id}`, levelSeconds);
    spatialSeconds += levelSeconds;
    if (placed === 0) throw new Error(`no point placed at ${level.id}`);
  }
  rows = xs.length * city.levels.length;
  stages.points_per_second = Math.round(rows / spatialSeconds);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    mode,
    rows,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    stages,
  }),
);
