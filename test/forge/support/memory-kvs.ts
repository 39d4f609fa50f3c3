/** The tests' KVS is the local one the dev server also runs on (kept in memory here). */
export { createMemoryKvs, KVS_LIMITS, type LocalKvs as MemoryKvs } from '../../../src/dev-server/local-kvs';
