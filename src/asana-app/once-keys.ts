import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The `idempotency_key`s of run_action requests already taken, one empty file each under
 * `<data>/idempotency/`: Asana retries a request whose answer it did not get ("we will likely
 * retry"), and a retry must not provision twice — not even after the app server restarted, so
 * the keys live on disk. The file is made with O_EXCL, so two copies of a request arriving at
 * once cannot both be first. Its name is a hash, whatever characters the key holds.
 */
export function onceKeys(dataDir: string) {
  const dir = join(dataDir, 'idempotency');
  return {
    /** True the first time `key` is seen, false ever after. */
    async first(key: string): Promise<boolean> {
      await mkdir(dir, { recursive: true });
      const name = createHash('sha256').update(key).digest('hex');
      try {
        await (await open(join(dir, name), 'wx')).close();
        return true;
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
        throw error;
      }
    },
  };
}
