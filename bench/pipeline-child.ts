/**
 * One measured pipeline job in its own process, so peak memory (maxRSS, which includes DuckDB's
 * native allocations) belongs to that job alone. Prints one JSON line on stdout.
 *   floor <csv> <duckdb>          DuckDB's bare read_csv of the file into a table
 *   pipeline <csv> <warehouse>    the full pipeline (--source file) into the warehouse
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { loadCities } from '@/lib/cities';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { runPipeline } from '@/pipeline/run';
import { literal } from '@/pipeline/sql-text';

const [mode, file, target] = process.argv.slice(2);
if (!mode || !file || !target)
  throw new Error('usage: pipeline-child floor|pipeline <csv> <duckdb>');
const started = performance.now();
let rows = 0;
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
    log: pino({ level: process.env.BENCH_LOG ?? 'warn' }, pino.destination(2)),
  });
  rows = result.cities[0]?.rowsRead ?? 0;
  if (process.env.BENCH_STEPS) console.error(JSON.stringify(result.steps));
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({ mode, rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
