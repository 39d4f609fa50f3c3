import { toPlainText } from '../../src/domain/rich-text';
import { writesNeeded } from '../../src/usecases/provision-record';
import { createMemoryTracker } from '../support/memory-tracker/memory-tracker';
import { testTracker } from './tracker-contract';
import { manualClock } from '../../emulators/common/clock';
import { waitOn } from './emulator-faults';

/** A deterministic random source, so a failing storm replays. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

testTracker('memory', async () => {
  // Its search lag runs on the clock the suite's waits move, as the emulators' does.
  const clock = manualClock();
  const memory = createMemoryTracker({ random: seeded(42), clock: clock.now });
  return {
    tracker: memory.tracker,
    addPerson: async (email) => {
      const id = `acct-${email}`;
      memory.people.set(email, id);
      return id;
    },
    seen: async (recordId) =>
      [...memory.items.values()]
        .filter((i) => i.property.recordId === recordId)
        .map((i) => ({
          key: i.key,
          itemId: i.property.itemId,
          assignee: i.assignee,
          due: i.due,
          parentKey: i.parentKey,
          blocks: [...i.blocks],
          descoped: i.labels.includes('descoped'),
        })),
    target: 'jira',
    trackerAs: async (email) => memory.as({ account: memory.people.get(email) ?? `acct-${email}`, name: email }),
    comments: async (key) => (memory.items.get(key) ?? memory.changes.get(key))?.comments.map(toPlainText) ?? [],
    markDone: async (key) => {
      const item = memory.items.get(key);
      if (item) item.done = true;
    },
    setFaults: async (faults) => {
      Object.assign(memory.faults, { rateLimitRate: 0, errorRate: 0, lostResponseRate: 0, searchLagMs: 0 }, faults);
    },
    faultsInjected: async () => ({ ...memory.injected }),
    policy: { sleep: waitOn(clock), now: clock.now },
    budget: {
      // The same bound the Forge app sizes inline runs by, from the tracker's own batch sizes.
      fresh: (plan) => writesNeeded(plan, memory.tracker),
      rerun: () => 3,
    },
    close: async () => {},
  };
});
