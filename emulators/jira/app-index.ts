/**
 * What installing the Handoff Forge app adds to a Jira site: the `jira:entityProperty` index
 * of `manifest.yml`, which makes `issue.property[handoff].recordId` searchable by JQL. A site
 * without the app has no such index, and Jira then finds nothing for the clause (200, no
 * error): only an installed app can declare an index, an API-token client cannot.
 */

/** An issue property key whose paths JQL may search. */
export type PropertyIndex = { key: string; paths: readonly string[] };

/** The property the app writes on every issue it creates, and the paths its manifest indexes. */
export const HANDOFF_PROPERTY = { key: 'handoff', paths: ['recordId', 'itemId', 'planHash'] } as const;

/** The indexes the site has: the app's when it is installed (`appInstalled`), none otherwise. */
export function propertyIndexes(appInstalled: boolean): readonly PropertyIndex[] {
  return appInstalled ? [HANDOFF_PROPERTY] : [];
}
