import { describe, expect, it } from 'vitest';
import { createAsanaCaller } from '../../../src/trackers/asana/asana-client';
import { ASANA_IN_FLIGHT, loadOf, weightedSemaphore } from '../../../src/trackers/asana/asana-in-flight';

/** Sends that stay unanswered for a few macrotasks, recording the most of each kind in flight at once. */
function inFlightProbe() {
  const now = { reads: 0, writes: 0 };
  const peak = { reads: 0, writes: 0 };
  return {
    peak,
    send: (load: { reads: number; writes: number }) => async () => {
      now.reads += load.reads;
      now.writes += load.writes;
      peak.reads = Math.max(peak.reads, now.reads);
      peak.writes = Math.max(peak.writes, now.writes);
      await new Promise((resolve) => setTimeout(resolve, 5));
      now.reads -= load.reads;
      now.writes -= load.writes;
      return load;
    },
  };
}

const writes = (n: number) => Array.from({ length: n }, () => ({ method: 'post' }));
const reads = (n: number) => Array.from({ length: n }, () => ({ method: 'get' }));

describe('Asana 15 concurrent writes, 50 reads: the caller keeps under them', () => {
  it('weighs a request by its method, and a batch by its actions of each kind', () => {
    expect(loadOf('GET /tasks/{task_gid}')).toEqual({ reads: 1, writes: 0 });
    expect(loadOf('PUT /projects/{project_gid}')).toEqual({ reads: 0, writes: 1 });
    expect(loadOf('POST /batch', [...writes(7), ...reads(3)])).toEqual({ reads: 3, writes: 7 });
    expect(ASANA_IN_FLIGHT).toEqual({ reads: 50, writes: 15 });
  });

  it('Asana 15 concurrent writes: 40 batches of ten writes at once never hold more than 15 writes', async () => {
    const caller = createAsanaCaller();
    const probe = inFlightProbe();
    const done = await Promise.all(
      Array.from({ length: 40 }, () => caller.call('POST /batch', probe.send({ reads: 0, writes: 10 }), writes(10))),
    );
    expect(done).toHaveLength(40);
    expect(probe.peak.writes).toBe(10);
    expect(caller.requests()).toBe(40);
  });

  it('Asana 50 concurrent reads: singles and mixed batches share the places without passing either limit', async () => {
    const caller = createAsanaCaller();
    const probe = inFlightProbe();
    await Promise.all([
      ...Array.from({ length: 120 }, () => caller.call('GET /users/me', probe.send({ reads: 1, writes: 0 }))),
      ...Array.from({ length: 60 }, () => caller.call('POST /tasks', probe.send({ reads: 0, writes: 1 }))),
      ...Array.from({ length: 20 }, () =>
        caller.call('POST /batch', probe.send({ reads: 4, writes: 6 }), [...reads(4), ...writes(6)]),
      ),
    ]);
    expect(probe.peak.writes).toBe(15);
    expect(probe.peak.reads).toBe(50);
  });

  it('frees the places of a request that failed', async () => {
    const caller = createAsanaCaller();
    const failing = Array.from({ length: 20 }, () =>
      caller.call('POST /tasks', () => Promise.reject(new Error('socket hang up'))).catch(() => 'failed'),
    );
    expect(await Promise.all(failing)).toEqual(Array<string>(20).fill('failed'));
    const probe = inFlightProbe();
    await caller.call('POST /batch', probe.send({ reads: 0, writes: 10 }), writes(10));
    expect(probe.peak.writes).toBe(10);
  });

  it('serves waiters in arrival order, so a heavy one is not starved by light ones behind it', async () => {
    const places = weightedSemaphore(15);
    const order: string[] = [];
    const first = await places.acquire(10);
    const heavy = places.acquire(10).then((release) => (order.push('heavy'), release));
    const light = places.acquire(1).then((release) => (order.push('light'), release));
    first();
    (await heavy)();
    (await light)();
    expect(order).toEqual(['heavy', 'light']);
  });
});
