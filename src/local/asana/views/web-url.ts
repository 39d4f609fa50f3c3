import type { Viewer } from '../context.ts';

/**
 * `permalink_url`: Asana's web address shape (`/0/<project>/<task>`), on the emulator's own
 * host, where a small page shows the object.
 */
export function webUrl(v: Viewer, ...gids: string[]): string {
  return `${v.base.replace(/\/api\/1\.0$/, '')}/0/${gids.join('/')}`;
}
