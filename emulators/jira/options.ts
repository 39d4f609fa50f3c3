import { emulatorOptions, resolveOptions } from '../common/emulator-options';
import { specFile } from '../common/repo-paths';
import { faultSettings } from './fault-settings';
import type { z } from 'zod';

/**
 * The local Jira's options, checked when it is started. The CLI's
 * `handoff emulate jira --port 8788 [--data DIR] [--fresh]` maps onto these names.
 */
export const localJiraOptions = emulatorOptions(
  { dataDir: '.handoff/local-jira', specFile: specFile('jira-platform.v3.json') },
  faultSettings.prefault({}),
);

export type LocalJiraOptions = z.input<typeof localJiraOptions>;
export type ResolvedLocalJiraOptions = z.output<typeof localJiraOptions>;

/** Parses options or throws one error that names every bad option. */
export function resolveLocalJiraOptions(options: LocalJiraOptions): ResolvedLocalJiraOptions {
  return resolveOptions(localJiraOptions, options, 'local-jira');
}
