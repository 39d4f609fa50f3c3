/**
 * Work taken off a webhook delivery so it is answered at once (Asana waits 10 s, then sends it
 * again): one job at a time, in arrival order, so two deliveries about one change request never
 * apply it side by side. A job's failure is reported, never thrown at the next one.
 */
export function createJobQueue(report: (error: unknown) => void) {
  let tail: Promise<void> = Promise.resolve();
  return {
    push(job: () => Promise<void>): void {
      tail = tail.then(job).catch(report);
    },
    /** Resolves once every job pushed so far has run. */
    idle: (): Promise<void> => tail,
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
