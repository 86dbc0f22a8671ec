// vitest.config.ts resolves 'server-only' here: tests run in Node, where every module is on the
// server side. The guard itself is Next's bundler check (it fails a client bundle that imports a
// server module) and is exercised by `next build` in the e2e run.
export {};
