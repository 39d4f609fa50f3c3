/**
 * The app server's in-process queue: Asana gives an app 10 seconds to answer, a provisioning
 * takes longer, so run_action and the modal form answer at once and their work waits here. One
 * job at a time: every job acts with the server's one token, whose 15 concurrent writes a
 * single run already uses up (the adapter's own limiter). A job that throws is logged, never
 * lost silently, and does not stop the ones behind it. A restart loses queued jobs (README says
 * so); their idempotency keys are kept, so Asana's retry of one is not run either.
 */
export function jobQueue<J>(run: (job: J) => Promise<unknown>, log: (line: string) => void) {
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    push(job: J): void {
      waiting += 1;
      tail = tail
        .then(() => run(job))
        .then(
          () => undefined,
          (error: unknown) => log(`[asana-app] a queued job failed: ${error instanceof Error ? error.message : error}`),
        )
        .finally(() => {
          waiting -= 1;
        });
    },
    /** Jobs queued or running. */
    size: () => waiting,
    /** Resolves once every job queued so far has finished. */
    idle: () => tail,
  };
}
