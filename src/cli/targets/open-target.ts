import { Option, type Command } from 'commander';
import type { CliIo } from '../io';
import type { Target } from './jira';
import { explainFailure } from '../tracker-failure';

export type TargetOptions = {
  target: 'jira' | 'asana';
  project?: string;
  workspace?: string;
  team?: string;
  local?: boolean;
};

/** `--team`: said the same by every command that may create an Asana project. */
export const TEAM_OPTION_HELP =
  'Asana team gid a new project is shared with, which an organization requires ' +
  "(default ASANA_TEAM, or the local demo's Delivery team)";

/** `--local`: said the same by every command that reaches a tracker. */
export const LOCAL_OPTION_HELP = 'use the embedded local Jira or Asana instead of a real one (no credentials needed)';

/** Loaded on use: the SDKs and emulators behind a target are most of the CLI's start-up time. */
export async function openTarget(io: CliIo, opts: TargetOptions): Promise<Target> {
  if (opts.target === 'asana') return (await import('./asana')).openAsanaTarget(io, opts);
  return (await import('./jira')).openJiraTarget(io, opts);
}

/** The options every command that reaches a tracker takes; `--target` is mandatory unless the command can tell. */
export function targetOptions(command: Command, mandatory = true): Command {
  const target = new Option('--target <tracker>', 'jira or asana').choices(['jira', 'asana']);
  return command
    .addOption(mandatory ? target.makeOptionMandatory() : target)
    .option(
      '--project <key>',
      'Jira project key (default JIRA_PROJECT_KEY, or DEL locally), or an existing Asana project gid',
    )
    .option('--workspace <gid>', 'Asana workspace gid (default ASANA_WORKSPACE, or the local demo workspace)')
    .option('--team <gid>', TEAM_OPTION_HELP)
    .option('--local', LOCAL_OPTION_HELP);
}

/**
 * Runs `work` against the tracker, and lets go of it (an embedded emulator stops) whatever
 * happens; a refusal or silence of the tracker comes out as a sentence naming what to fix.
 */
export async function withTarget<T>(io: CliIo, opts: TargetOptions, work: (target: Target) => Promise<T>): Promise<T> {
  const target = await openTarget(io, opts);
  try {
    return await work(target);
  } catch (error) {
    throw explained(target, error);
  } finally {
    await target.close();
  }
}

/** The error to rethrow from work against `target`: the sentence for a tracker's failure, else itself. */
export function explained(target: Target, error: unknown): unknown {
  return explainFailure(error, target.settings) ?? error;
}
