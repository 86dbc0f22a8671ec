/** The view contract: schema, date rules, transition rules and the resolveView gateway. */
export * from './schema';
export * from './dates';
export * from './rules';
export * from './resolve';
