import { z } from 'zod';

/**
 * The app's runtime settings, read once from the Forge environment. Secrets are set per
 * environment with `forge variables set --encrypt ASANA_TOKEN …`; Forge hands them to the
 * functions as environment variables, never to the browser. Nothing here is written to
 * storage, returned by a resolver or logged: the error mapper redacts every secret value.
 */
const environment = z.object({
  ASANA_TOKEN: z.string().min(1).optional(),
});

export type ForgeConfig = Readonly<{ asanaToken: string | null }>;

export function readConfig(env: NodeJS.ProcessEnv): ForgeConfig {
  const parsed = environment.safeParse(env);
  // Name the variable, never echo its value.
  if (!parsed.success)
    throw new Error(
      `[forge] bad environment variable(s): ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return Object.freeze({ asanaToken: parsed.data.ASANA_TOKEN ?? null });
}

/** Every secret value of the config, for redaction. */
export function secretsOf(config: ForgeConfig): string[] {
  return config.asanaToken ? [config.asanaToken] : [];
}
