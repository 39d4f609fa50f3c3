import { z } from 'zod';
import { emulatorOptions, resolveOptions } from '../common/emulator-options';
import { specFile } from '../common/repo-paths';
import { faultSettings } from './faults';
import { appComponentsRegistration } from './routes/app-components';

/**
 * The local Asana's options, checked when it is started. The CLI's
 * `handoff emulate asana --port 8789 [--data DIR] [--fresh]` maps onto these names.
 */
export const localAsanaOptions = emulatorOptions(
  { dataDir: '.handoff/local-asana', specFile: specFile('asana.v1.yaml') },
  faultSettings.prefault({}),
).extend({
  /**
   * What the seed makes the demo workspace: an `organization` with teams, whose projects need
   * one, as a company's Asana is (the default), or a plain `workspace` without teams. Read when
   * the state is seeded (a new data directory, or `fresh`); a kept state stays what it was.
   */
  demoWorkspace: z.enum(['organization', 'workspace']).default('organization'),
  /** Typeahead as Asana serves it, a few recent matches (`recent`), or every match up to `count` (opt-in). */
  typeahead: z.enum(['recent', 'exhaustive']).default('recent'),
  /** The app server its one app registered for App Components; none: the `/-/app-components/` routes refuse. */
  appComponents: appComponentsRegistration.optional(),
  /**
   * Where a webhook may point: a `public` host only, as Asana refuses `localhost` and the like
   * with 403 (the default), or also this machine (`loopback`, opt-in: the dev server's app server).
   */
  webhookTargets: z.enum(['public', 'loopback']).default('public'),
  /**
   * The first wait before a failed delivery is tried again; each retry doubles it, and after
   * WEBHOOK_RETRIES failures in a row the webhook is deleted — Asana's 24 hours, compressed.
   */
  webhookRetryMs: z.number().int().positive().default(1000),
});

export type LocalAsanaOptions = z.input<typeof localAsanaOptions>;

/** Parses options or throws one error that names every bad option. */
export function resolveLocalAsanaOptions(options: LocalAsanaOptions): z.output<typeof localAsanaOptions> {
  return resolveOptions(localAsanaOptions, options, 'local-asana');
}
