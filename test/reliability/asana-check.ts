import { DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, type LocalAsana } from '../../emulators/asana/index';
import { seenInAsana } from '../contract/asana-seen';

/**
 * What the local Asana holds for a record, read through Asana's own REST API as the admin:
 * item ids of every task carrying the record's marker in any project named for it (repeats
 * kept, so a second project or a twin task shows), and its dependencies — each blocker→blocked
 * pair once in `edges`, every one counted in `links`.
 */
export async function heldInAsana(
  asana: LocalAsana,
  recordId: string,
  tokenKind: 'oauth' | 'pat',
): Promise<{ itemIds: string[]; links: number; edges: number }> {
  const rest = async (method: string, path: string) => {
    const response = await fetch(`${asana.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const body: unknown = await response.json();
    return body;
  };
  const seen = await seenInAsana(rest, { workspace: DEMO_WORKSPACE.gid, tokenKind }, recordId);
  const pairs = seen.flatMap((item) => item.blocks.map((blocked) => `${item.key}→${blocked}`));
  return { itemIds: seen.map((item) => item.itemId), links: pairs.length, edges: new Set(pairs).size };
}
