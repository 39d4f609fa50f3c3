import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ASANA_PAT } from '../../emulators/asana/index';
import { manualClock } from '../../emulators/common/clock';
import { at, createProject, dataList, startTestAsana, type Reply, type TestAsana } from './local-asana-harness';

// Requests overlap only while the emulator holds them: every test here gives them latency, real
// time, long enough that all of a test's requests have arrived before the first is answered.
const LATENCY_MS = 400;
let t: TestAsana;
let project: string;
beforeAll(async () => {
  // A still clock for the per-minute windows: they cannot end mid-test however slow the machine is.
  t = await startTestAsana({ clock: manualClock() });
  ({ project } = await createProject(t, 'Concurrency'));
});
beforeEach(() => {
  t.asana.faults.update({
    latencyMs: LATENCY_MS,
    rateLimit: null,
    rateLimitPreset: null,
    inFlightLimit: { reads: 50, writes: 15 },
  });
});
afterAll(() => t.close());

const createTask = (name: string) => t.call('POST', '/tasks', { data: { name, projects: [project] } });
const readMe = () => t.call('GET', '/users/me');
const create = (name: string) => ({ relative_path: '/tasks', method: 'post', data: { name, projects: [project] } });
const batch = (actions: unknown[]) => t.call('POST', '/batch', { data: { actions } });
const statusesOf = (replies: Reply[]) => replies.map((r) => r.status).sort((a, b) => a - b);
const names = async () => {
  t.asana.faults.update({ latencyMs: 0 });
  return dataList(await t.call('GET', `/projects/${project}/tasks?opt_fields=name`)).map((x) => at(x, 'name'));
};
/** Lets the requests started before it arrive and take their places (they are held LATENCY_MS). */
const arrived = () => new Promise((resolve) => setTimeout(resolve, LATENCY_MS / 4));

describe('Asana concurrent request limits (50 reads, 15 writes in flight per token), on by default', () => {
  it('is on by default: 15 writes and 50 reads a token', () => {
    expect(t.asana.faults.settings.inFlightLimit).toEqual({ reads: 50, writes: 15 });
  });

  it('Asana 15 concurrent writes: of 16 writes in flight at once, one is refused 429 with Retry-After', async () => {
    const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => createTask(`w${i}`)));
    expect(statusesOf(replies)).toEqual([...Array<number>(15).fill(201), 429]);
    const refused = replies.find((r) => r.status === 429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(at(refused?.body, 'errors', 0, 'message')).toBe(
      "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
    );
  });

  it('Asana 50 concurrent reads: of 51 reads in flight at once, one is refused; reads leave writes alone', async () => {
    const replies = await Promise.all([
      ...Array.from({ length: 51 }, readMe),
      ...Array.from({ length: 15 }, (_, i) => createTask(`r${i}`)),
    ]);
    expect(statusesOf(replies)).toEqual([...Array<number>(50).fill(200), ...Array<number>(15).fill(201), 429]);
    expect(replies.slice(51).every((r) => r.status === 201)).toBe(true);
  });

  it('Asana batch actions count: a batch of 10 writes with 6 writes in flight is refused whole', async () => {
    const before = (await names()).length;
    t.asana.faults.update({ latencyMs: LATENCY_MS });
    const inFlight = Array.from({ length: 6 }, (_, i) => createTask(`held${i}`));
    await arrived();
    const refused = await batch(Array.from({ length: 10 }, (_, i) => create(`b${i}`)));
    // Nine more fit beside the six; reads are counted apart from writes.
    const nine = batch(Array.from({ length: 9 }, (_, i) => create(`nine${i}`)));
    const reads = batch(Array.from({ length: 10 }, () => ({ relative_path: '/users/me', method: 'get' })));
    expect(statusesOf(await Promise.all(inFlight))).toEqual(Array<number>(6).fill(201));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await nine).status).toBe(200);
    expect((await reads).status).toBe(200);
    // None of the refused batch ran.
    expect((await names()).filter((n) => String(n).startsWith('b'))).toEqual([]);
    expect(await names()).toHaveLength(before + 6 + 9);
  });

  it('frees a place once a request is answered: one write after another is never refused', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await createTask(`seq${i}`)).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
  });

  it('counts per token: another token has its own 15 writes', async () => {
    const replies = await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => createTask(`oauth${i}`)),
      ...Array.from({ length: 15 }, (_, i) =>
        t.call('POST', '/tasks', { data: { name: `pat${i}`, projects: [project] } }, LOCAL_ASANA_PAT),
      ),
    ]);
    expect(replies.every((r) => r.status === 201)).toBe(true);
  });

  it('can be turned off (inFlightLimit: null): 16 writes in flight all go through', async () => {
    t.asana.faults.update({ inFlightLimit: null });
    const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => createTask(`off${i}`)));
    expect(replies.every((r) => r.status === 201)).toBe(true);
  });
});

describe('Asana refused requests spend the per-minute quota', () => {
  it('a request refused for concurrency still spends its place in the minute’s budget', async () => {
    t.asana.faults.update({ rateLimit: { budget: 20, windowMs: 60_000 } });
    const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => createTask(`q${i}`)));
    expect(statusesOf(replies)).toEqual([...Array<number>(15).fill(201), 429]);
    // 16 of 20 spent, the refused one included: four more, then 429.
    t.asana.faults.update({ latencyMs: 0 });
    const after = [];
    for (let i = 0; i < 5; i += 1) after.push((await readMe()).status);
    expect(after).toEqual([200, 200, 200, 200, 429]);
  });

  it('a batch refused by the per-minute limit spends what was left: a single request after it is refused', async () => {
    t.asana.faults.update({ latencyMs: 0, rateLimit: { budget: 3, windowMs: 60_000 } });
    expect((await batch([create('x'), create('y'), create('z'), create('w')])).status).toBe(429);
    expect((await readMe()).status).toBe(429);
  });
});

describe('Asana batch actions are not atomic', () => {
  it('an action that fails undoes none of the others', async () => {
    t.asana.faults.update({ latencyMs: 0 });
    const reply = await batch([
      create('kept-1'),
      { relative_path: '/tasks', method: 'post', data: { name: 'Nowhere' } },
      create('kept-2'),
    ]);
    expect(dataList(reply).map((r) => at(r, 'status_code'))).toEqual([201, 400, 201]);
    expect(await names()).toEqual(expect.arrayContaining(['kept-1', 'kept-2']));
    expect(await names()).not.toContain('Nowhere');
  });
});
