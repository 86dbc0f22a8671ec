/**
 * The adapter registry: `getAdapter(kind)` and `extractSource(config, ctx)`. Both switch over
 * every source kind with a default that fails to compile, and throws, when a kind is missing.
 */
import type { SourceConfig } from '@/lib/cities/schema';
import type { ExtractContext, RawPage, SourceAdapter } from './types';
import { arcgisAdapter } from './arcgis';
import { ckanAdapter } from './ckan';
import { fileAdapter } from './file';
import { open311Adapter } from './open311';
import { socrataAdapter } from './socrata';

export type SourceKind = SourceConfig['kind'];
export type SourceOfKind<K extends SourceKind> = Extract<SourceConfig, { kind: K }>;

export { diffKeys, fetchWithRetry, HttpError, type KeyDiff } from './http';

function unknownKind(kind: never): never {
  throw new Error(`No adapter for source kind "${String(kind)}"`);
}

export function getAdapter<K extends SourceKind>(kind: K): SourceAdapter<SourceOfKind<K>> {
  const k: SourceKind = kind;
  // Each branch returns the adapter of exactly that kind; the cast only restates K.
  switch (k) {
    case 'ckan':
      return ckanAdapter as SourceAdapter<SourceOfKind<K>>;
    case 'socrata':
      return socrataAdapter as SourceAdapter<SourceOfKind<K>>;
    case 'arcgis':
      return arcgisAdapter as SourceAdapter<SourceOfKind<K>>;
    case 'open311':
      return open311Adapter as SourceAdapter<SourceOfKind<K>>;
    case 'file':
      return fileAdapter as SourceAdapter<SourceOfKind<K>>;
    default:
      return unknownKind(k);
  }
}

/** Runs the adapter for a source config; the config's kind narrows it without a cast. */
export function extractSource(config: SourceConfig, ctx: ExtractContext): AsyncIterable<RawPage> {
  switch (config.kind) {
    case 'ckan':
      return ckanAdapter.extract(config, ctx);
    case 'socrata':
      return socrataAdapter.extract(config, ctx);
    case 'arcgis':
      return arcgisAdapter.extract(config, ctx);
    case 'open311':
      return open311Adapter.extract(config, ctx);
    case 'file':
      return fileAdapter.extract(config, ctx);
    default:
      return unknownKind(config);
  }
}
