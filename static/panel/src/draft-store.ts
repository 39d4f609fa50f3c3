import { z } from 'zod';

/**
 * Unsaved edits, kept in this browser per project: a reload, a crash or a failed save loses
 * nothing the lead typed. `baseSavedAt` is when the record the draft started from was saved,
 * so the panel can tell when someone saved a newer one meanwhile.
 */
const draft = z.object({ text: z.string(), at: z.string(), baseSavedAt: z.string().nullable() });
export type Draft = z.infer<typeof draft>;

const keyOf = (projectKey: string) => `handoff:draft:${projectKey}`;

export function loadDraft(projectKey: string): Draft | null {
  try {
    const stored = localStorage.getItem(keyOf(projectKey));
    const parsed = stored === null ? null : draft.safeParse(JSON.parse(stored));
    return parsed?.success ? parsed.data : null;
  } catch {
    return null; // storage refused (private mode, a sandboxed frame) or a damaged entry: no draft
  }
}

export function keepDraft(projectKey: string, value: Draft): void {
  try {
    localStorage.setItem(keyOf(projectKey), JSON.stringify(value));
  } catch {
    // Full or refused: the edit is still in the page, only not kept across a reload.
  }
}

export function dropDraft(projectKey: string): void {
  try {
    localStorage.removeItem(keyOf(projectKey));
  } catch {
    // Nothing was kept, so nothing to drop.
  }
}
