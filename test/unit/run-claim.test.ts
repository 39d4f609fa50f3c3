import { describe, expect, it } from 'vitest';
import type { RunClaim, RunClaims } from '../../src/provision/run-claims';
import {
  ClaimLost,
  ClaimRefused,
  ClaimTooSlow,
  claimedRun,
  createRunClaim,
  type ClaimOptions,
} from '../../src/usecases/run-claim';
import { createMemoryTracker } from '../support/memory-tracker/memory-tracker';
import { TrackerError } from '../../src/provision/tracker-error';

const W = 2_000;

/** A fake clock every request advances by 1 ms (a request takes time), and a sleep by what it sleeps. */
function fakeClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}
type Clock = ReturnType<typeof fakeClock>;

/** The memory tracker and its claims (always there on it). */
function memoryWithClaims() {
  const memory = createMemoryTracker();
  const { claims } = memory.tracker;
  if (!claims) throw new Error('the memory tracker keeps run claims');
  return { ...memory, store: claims };
}

/**
 * The claim store as each claimer sees it, its requests let through in the order `script`
 * gives ("A:read", "B:write", …; "A:wake" ends A's sleep, the clock then at least where the
 * sleep said); requests past the script's end run as they come.
 */
function scripted(inner: RunClaims, clock: Clock, script: string[]) {
  let next = 0;
  const turn = async (step: string) => {
    while (next < script.length && script[next] !== step) await new Promise((r) => setImmediate(r));
    next += 1;
    clock.advance(1);
  };
  return (name: string): ClaimOptions & { claims: RunClaims } => ({
    ...claimer(name, clock),
    sleep: async (ms) => {
      const until = clock.now() + ms;
      await turn(`${name}:wake`);
      clock.advance(Math.max(0, until - clock.now()));
    },
    claims: {
      read: async (id) => (await turn(`${name}:read`), inner.read(id)),
      write: async (id, claim) => (await turn(`${name}:write`), inner.write(id, claim)),
      clear: async (id) => (await turn(`${name}:clear`), inner.clear(id)),
    },
  });
}

const claimer = (name: string, clock: Clock): ClaimOptions => ({
  holder: `${name} Person`,
  machine: `host-${name.toLowerCase()}`,
  nonce: `nonce-${name}`,
  now: clock.now,
  sleep: clock.sleep,
  settleMs: W,
});

/** Both claim at once in the scripted order; who won, and what the loser was told. */
async function race(script: string[]) {
  const clock = fakeClock();
  const memory = memoryWithClaims();
  const view = scripted(memory.store, clock, script);
  const runs = ['A', 'B'].map((name) => ({ name, view: view(name) }));
  const outcomes = await Promise.all(
    runs.map(({ name, view: v }) => {
      const run = createRunClaim(v.claims, 'rec-1', v);
      return run
        .acquire()
        .then((r): { name: string; run: typeof run; won: boolean; error: unknown } => ({
          name,
          run,
          won: r.kind === 'held',
          error: null,
        }))
        .catch((error: unknown) => ({ name, run, won: false, error }));
    }),
  );
  return {
    clock,
    winners: outcomes.filter((o) => o.won).map((o) => o.name),
    outcomes,
    stored: memory.claims.get('rec-1'),
  };
}

describe('attack F6: the claim protocol under interleaved claimers (fake clock, memory tracker)', () => {
  it.each([
    ['A', 'B'],
    ['B', 'A'],
  ])('both read before either writes (%s writes first): the last writer wins, the other is refused', async (x, y) => {
    const { winners, outcomes, stored } = await race([
      `${x}:read`,
      `${y}:read`,
      `${x}:write`,
      `${y}:write`,
      `${x}:wake`,
      `${y}:wake`,
      `${x}:read`,
      `${y}:read`,
    ]);
    expect(winners).toEqual([y]);
    const loser = outcomes.find((o) => o.name === x)?.error;
    expect(loser).toBeInstanceOf(ClaimRefused);
    expect(String(loser)).toContain(`${y} Person on host-${y.toLowerCase()}`);
    expect(stored?.nonce).toBe(`nonce-${y}`);
  });

  it.each([
    ['A', 'B'],
    ['B', 'A'],
  ])('%s reads, %s claims and settles, then the late write is answered too late: it stops', async (late, early) => {
    const { winners, outcomes, clock } = await race([
      `${late}:read`,
      `${early}:read`,
      `${early}:write`,
      `${early}:wake`,
      `${early}:read`,
      `${late}:write`,
    ]);
    expect(winners).toEqual([early]);
    expect(outcomes.find((o) => o.name === late)?.error).toBeInstanceOf(ClaimTooSlow);
    // The late write replaced the winner's claim: the winner stops at its next renewal rather than share the record.
    clock.advance(60_000);
    const winner = outcomes.find((o) => o.name === early)?.run;
    await expect(winner?.check()).rejects.toBeInstanceOf(ClaimLost);
  });

  it.each([
    ['A', 'B'],
    ['B', 'A'],
  ])('one after the other (%s first): the second finds the first one’s claim and writes nothing', async (x, y) => {
    const { winners, outcomes } = await race([`${x}:read`, `${x}:write`, `${x}:wake`, `${x}:read`, `${y}:read`]);
    expect(winners).toEqual([x]);
    const refused = outcomes.find((o) => o.name === y)?.error;
    expect(refused).toBeInstanceOf(ClaimRefused);
    expect(String(refused)).toMatch(/since \d{4}-\d\d-\d\dT[\d:]+Z \(its claim lasts until [\d:TZ-]+ unless renewed\)/);
    expect(String(refused)).toContain('nothing was done');
  });

  it('a write answered later than W after its read does not trust that read: nothing is done', async () => {
    const clock = fakeClock();
    const { store } = memoryWithClaims();
    const slow: RunClaims = {
      ...store,
      async write(id, claim) {
        clock.advance(W + 1);
        return store.write(id, claim);
      },
    };
    const stopped = await createRunClaim(slow, 'rec-1', claimer('A', clock))
      .acquire()
      .catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(ClaimTooSlow);
    expect(String(stopped)).toContain('nothing was done');
  });
});

describe('attack F6: expiry, renewal and take-over', () => {
  const expired = (clock: Clock): RunClaim => ({
    holder: 'Killed Run',
    machine: 'host-k',
    nonce: 'dead',
    since: clock.now() - 10 * 60_000,
    expires: clock.now() - 1,
  });

  it('an expired claim is taken over', async () => {
    const clock = fakeClock();
    const memory = memoryWithClaims();
    memory.claims.set('rec-1', expired(clock));
    expect(await createRunClaim(memory.store, 'rec-1', claimer('A', clock)).acquire()).toEqual({
      kind: 'held',
    });
    expect(memory.claims.get('rec-1')?.holder).toBe('A Person');
  });

  it("an unexpired claim its holder's machine knows to be dead is taken over; a live one is not", async () => {
    const clock = fakeClock();
    const memory = memoryWithClaims();
    const left = { ...expired(clock), expires: clock.now() + 60_000, machine: 'here (pid 1)' };
    memory.claims.set('rec-1', left);
    const dead = (claim: RunClaim) => claim.machine === 'here (pid 1)';
    await expect(createRunClaim(memory.store, 'rec-1', claimer('A', clock)).acquire()).rejects.toThrow(ClaimRefused);
    expect(await createRunClaim(memory.store, 'rec-1', { ...claimer('A', clock), abandoned: dead }).acquire()).toEqual({
      kind: 'held',
    });
  });

  it('a long run renews its claim at a write and releases it at the end', async () => {
    const clock = fakeClock();
    const memory = createMemoryTracker();
    const run = claimedRun(memory.tracker, { ...claimer('A', clock), renewMs: 60_000, ttlMs: 300_000 });
    const { release } = await run.take('rec-1');
    const first = memory.claims.get('rec-1')?.expires ?? 0;
    clock.advance(90_000);
    await run.tracker.createItems([]);
    expect(memory.claims.get('rec-1')?.expires).toBeGreaterThan(first);
    await release();
    expect(memory.claims.has('rec-1')).toBe(false);
  });

  it('a claim taken over mid-run stops the run before its next write, saying who took it', async () => {
    const clock = fakeClock();
    const memory = createMemoryTracker();
    const a = claimedRun(memory.tracker, { ...claimer('A', clock), ttlMs: 60_000, renewMs: 30_000 });
    const held = await a.take('rec-1');
    clock.advance(61_000); // A stalled past its expiry (a long rate-limit wait, a suspended laptop)
    const b = claimedRun(memory.tracker, claimer('B', clock));
    await b.take('rec-1');
    const before = memory.items.size;
    const stopped = await a.tracker.createItems([]).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(ClaimLost);
    expect(String(stopped)).toContain('taken by B Person on host-b');
    expect(memory.items.size).toBe(before);
    await held.release();
    expect(memory.claims.get('rec-1')?.nonce).toBe('nonce-B');
  });

  it('a token that may not write the claim (403) runs on the per-machine lock alone, told why', async () => {
    const clock = fakeClock();
    const memory = memoryWithClaims();
    const forbidden = new TrackerError({
      tracker: 'jira',
      operation: 'PUT',
      status: 403,
      detail: 'Administer Projects',
    });
    const tracker = {
      ...memory.tracker,
      claims: {
        ...memory.store,
        write: async () => {
          throw forbidden;
        },
      },
    };
    const run = claimedRun(tracker, claimer('A', clock));
    const { unguarded, release } = await run.take('rec-1');
    expect(unguarded).toContain('Administer Projects');
    expect(await run.tracker.createItems([])).toEqual([]);
    await release();
  });

  it('with no place for a claim yet, it is taken at the first write after the place exists', async () => {
    const clock = fakeClock();
    const memory = memoryWithClaims();
    let place = false;
    const tracker = {
      ...memory.tracker,
      claims: {
        ...memory.store,
        read: async (id: string) => (place ? memory.store.read(id) : { kind: 'nowhere' as const }),
      },
    };
    const run = claimedRun(tracker, claimer('A', clock));
    const { unguarded } = await run.take('rec-1');
    expect(unguarded).toBeNull();
    await run.tracker.createItems([]); // the parent (an Asana project) is made here
    expect(memory.claims.has('rec-1')).toBe(false);
    place = true;
    memory.claims.set('rec-1', { holder: 'B', machine: 'host-b', nonce: 'b', since: 1, expires: clock.now() + 60_000 });
    await expect(run.tracker.createItems([])).rejects.toBeInstanceOf(ClaimRefused);
  });
});
