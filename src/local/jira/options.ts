import { resolve } from 'node:path';
import { z } from 'zod';
import { faultSettings } from './fault-settings.ts';
import { defaultExamplesDir, defaultJiraSpecFile } from './repo-paths.ts';

/**
 * The local Jira's options, checked when it is started. The CLI's
 * `handoff emulate jira --port 8788 [--data DIR] [--fresh]` maps onto these names.
 */
export const localJiraOptions = z.strictObject({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  /** Where `site.json` lives; relative paths are taken from the working directory. */
  dataDir: z.string().min(1).default('.handoff/local-jira').transform((dir) => resolve(dir)),
  /** Start from the demo seed, replacing whatever the data directory held. */
  fresh: z.boolean().default(false),
  faults: faultSettings.prefault({}),
  /** Hold requests and responses to the official spec: `strict` answers 500 on a violation. */
  validate: z.enum(['off', 'record', 'strict']).default('off'),
  specFile: z.string().min(1).default(defaultJiraSpecFile),
  /** Whose people the seed adds; defaults to the repository's example records. */
  examplesDir: z.string().min(1).optional().transform((dir) => dir ?? defaultExamplesDir()),
});

export type LocalJiraOptions = z.input<typeof localJiraOptions>;
export type ResolvedLocalJiraOptions = z.output<typeof localJiraOptions>;

/** Parses options or throws one error that names every bad option. */
export function resolveLocalJiraOptions(options: LocalJiraOptions): ResolvedLocalJiraOptions {
  const parsed = localJiraOptions.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(`[local-jira] bad options: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
