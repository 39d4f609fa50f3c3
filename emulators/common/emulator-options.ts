import { resolve } from 'node:path';
import { z } from 'zod';
import { clockOption } from './clock';
import { defaultExamplesDir } from './repo-paths';

/**
 * The options every emulator takes, checked when it is started; the CLI's
 * `handoff emulate <tracker> --port N [--data DIR] [--fresh]` maps onto these names.
 * `faults` is the emulator's own fault schema, with its defaults (`.prefault({})`).
 */
export function emulatorOptions<F extends z.ZodType>(defaults: { dataDir: string; specFile: string }, faults: F) {
  return z.strictObject({
    /** 0 picks a free port. */
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().min(1).default('127.0.0.1'),
    /** Where the state file lives; relative paths are taken from the working directory. */
    dataDir: z
      .string()
      .min(1)
      .default(defaults.dataDir)
      .transform((dir) => resolve(dir)),
    /** Start from the demo seed, replacing whatever the data directory held. */
    fresh: z.boolean().default(false),
    /**
     * Keep the state in `dataDir`, where the CLI and the dev server share it (the default); false:
     * in this process only, from the seed — for the benchmark, so that rewriting the state file on
     * every write is not counted as the client's time.
     */
    persist: z.boolean().default(true),
    faults,
    /** Hold requests and responses to the official spec: `strict` answers 500 on a violation. */
    validate: z.enum(['off', 'record', 'strict']).default('off'),
    specFile: z.string().min(1).default(defaults.specFile),
    /** Whose people the seed adds; defaults to the repository's example records. */
    examplesDir: z
      .string()
      .min(1)
      .optional()
      .transform((dir) => dir ?? defaultExamplesDir()),
    /** What the emulator takes as now (rate-limit windows, search lag, timestamps); the real time by default. */
    clock: clockOption,
  });
}

/** Parses options or throws one error that names every bad option. */
export function resolveOptions<S extends z.ZodType>(schema: S, options: z.input<S>, emulator: string): z.output<S> {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(
      `[${emulator}] bad options: ` +
        `${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
