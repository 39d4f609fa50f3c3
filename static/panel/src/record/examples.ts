/**
 * The repository's example records, bundled as lazy chunks: the import dialog offers them in
 * Jira as well as locally, and none is downloaded until the lead picks it.
 */
const files = import.meta.glob<string>('../../../../examples/*.handoff.yaml', { query: '?raw', import: 'default' });

export type Example = { name: string; load(): Promise<string> };

export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([path, load]) => ({ name: path.replace(/^.*\//, '').replace(/\.handoff\.yaml$/, ''), load }))
  .sort((a, b) => a.name.localeCompare(b.name));
