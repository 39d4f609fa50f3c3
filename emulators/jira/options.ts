import { emulatorOptions, resolveOptions } from '../common/emulator-options';
import { specFile } from '../common/repo-paths';
import { faultSettings } from './fault-settings';
import { z } from 'zod';

/**
 * The local Jira's options, checked when it is started. The CLI's
 * `handoff emulate jira --port 8788 [--data DIR] [--fresh] [--app-installed]` maps onto these names.
 */
export const localJiraOptions = emulatorOptions(
  { dataDir: '.handoff/local-jira', specFile: specFile('jira-platform.v3.json') },
  faultSettings.prefault({}),
).extend({
  /**
   * The site has the Handoff Forge app installed, so its `jira:entityProperty` index exists
   * and JQL can search `issue.property[handoff].…`. Off by default, as on a site that only
   * lends the CLI an API token: such a clause then matches nothing.
   */
  appInstalled: z.boolean().default(false),
  /**
   * An installed app's panel beside each issue on the issue page (a Forge `jira:issueContext`):
   * the address its frame loads for an issue, or null where the app's display conditions hide it.
   * None by default, as on a site without such an app.
   */
  issuePanel: z.custom<IssuePanel>((v) => typeof v === 'function').optional(),
});

/** What an app's issue panel is shown for: the issue's key, labels and entity properties. */
export type IssuePanel = (issue: {
  key: string;
  labels: readonly string[];
  properties: Readonly<Record<string, unknown>>;
}) => { title: string; url: string } | null;

export type LocalJiraOptions = z.input<typeof localJiraOptions>;
export type ResolvedLocalJiraOptions = z.output<typeof localJiraOptions>;

/** Parses options or throws one error that names every bad option. */
export function resolveLocalJiraOptions(options: LocalJiraOptions): ResolvedLocalJiraOptions {
  return resolveOptions(localJiraOptions, options, 'local-jira');
}
