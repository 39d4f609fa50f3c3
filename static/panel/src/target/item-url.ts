/** Whether a plan item id (`<record>/<kind>/<id>`, plan-items.ts `itemIdOf`) names the record's parent item. */
const isParentItem = (itemId: string) => itemId.split('/')[1] === 'parent';

/**
 * The address of an item's issue or task, by its key, under the target's `prefix` (null: Jira);
 * `itemId`, when known, tells the parent item apart: in Asana that is the record's project, not a
 * task, and Asana opens a project in its list view at `<app>/0/<project gid>/list` (`/0/0/<gid>`
 * is a task's address).
 */
export function itemUrlOf(prefix: string | null, siteUrl: string, key: string, itemId?: string): string {
  const gid = encodeURIComponent(key);
  if (prefix === null) return `${siteUrl}/browse/${gid}`;
  if (itemId && isParentItem(itemId)) return `${prefix.replace(/0\/$/, '')}${gid}/list`;
  return `${prefix}${gid}`;
}
