#!/usr/bin/env node
// `npm run demo`: the product on the bundled samples at http://localhost:3000.
// Builds the sample warehouse (npm run pipeline) and the app when they are missing, then serves.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const step = (args) => {
  console.log(`\n$ npx ${args.join(' ')}`);
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(path.join(root, 'data', 'warehouse.duckdb'))) step(['tsx', 'pipeline/cli.ts']);
if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) step(['next', 'build']);
const port = process.env.PORT ?? '3000';
console.log(`\nAtlas 311 on http://localhost:${port}`);
const server = spawn('npx', ['next', 'start', '-p', port], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
