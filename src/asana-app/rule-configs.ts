import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** What a "Provision handoff" rule action was configured with in Asana's rule builder. */
export const ruleConfig = z.object({
  /** The stored record the rule provisions (its id). */
  record: z.string().min(1),
  /** The Asana team its project goes to (an organization requires one); none: the server's default. */
  team: z.string().regex(/^\d+$/).optional(),
});
export type RuleConfig = z.infer<typeof ruleConfig>;

/**
 * Each rule action's configuration, by the `action` id Asana gives it when the rule is saved
 * (on_submit) and sends again with every run_action: `<data>/rule-actions/<hash>.json`.
 */
export function ruleConfigs(dataDir: string) {
  const dir = join(dataDir, 'rule-actions');
  const fileOf = (action: string) => join(dir, `${createHash('sha256').update(action).digest('hex')}.json`);
  return {
    async save(action: string, config: RuleConfig): Promise<void> {
      await mkdir(dir, { recursive: true });
      const temporary = `${fileOf(action)}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(config));
      await rename(temporary, fileOf(action));
    },
    async get(action: string): Promise<RuleConfig | null> {
      const text = await readFile(fileOf(action), 'utf8').catch(() => null);
      if (text === null) return null;
      const parsed = ruleConfig.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    },
  };
}

export type RuleConfigs = ReturnType<typeof ruleConfigs>;
