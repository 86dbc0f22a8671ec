/**
 * The view contract for every side, browser included: fields and their rules, the browser's
 * reader, date rules and transition rules. No zod: the server's schema and the resolveView
 * gateway are imported from lib/view/schema and lib/view/resolve (tests/e2e/bundle.spec.ts
 * checks that no zod reaches the browser).
 */
export * from './fields';
export * from './read';
export * from './dates';
export * from './rules';
