#!/usr/bin/env node
// Copies MapLibre's module worker into public/ so the browser can load it from our own origin
// (the map calls setWorkerUrl('/maplibre-gl-worker.mjs')). Run on postinstall: the copy must
// match the installed maplibre-gl version, which the worker checks against the main bundle.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const pkgPath = require.resolve('maplibre-gl/package.json', { paths: [root] });
const source = path.join(path.dirname(pkgPath), 'dist', 'maplibre-gl-worker.mjs');
const target = path.join(root, 'public', 'maplibre-gl-worker.mjs');

mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(source, target);
const { version } = JSON.parse(readFileSync(pkgPath, 'utf8'));
console.log(`copied maplibre-gl ${version} worker to ${path.relative(root, target)}`);
