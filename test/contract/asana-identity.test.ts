import asanaSdk from 'asana';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  TYPEAHEAD_RECENT_MATCHES,
} from '../../emulators/asana/index';
import { validateRecord } from '../../src/domain/record/read-record';
import { buildPlan, type Plan } from '../../src/domain/plan/plan';
import { applyPlan } from '../../src/provision/engine';
import { memoryLedger, type CreationLedger } from '../../src/provision/ledger';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy, type RetryPolicy } from '../../src/provision/retry';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { projectsOfRecord, seenInAsana } from './asana-seen';
import { useLocalAsana } from './local-asana-suite';
import { recordWith } from './plan-fixture';
import { injectedFrom } from './emulator-faults';

/**
 * A record's project must exist once whatever fails around POST /teams/{team_gid}/projects (attack F5), and a
 * promise's text must not pose as Handoff's marker (attack F7). Faults are the local Asana's
 * own, switched on for exactly the request under test.
 */
const { local, rest } = useLocalAsana('asana-identity');
afterEach(() => {
  vi.restoreAllMocks();
  local().faults.update({ errorRate: 0, dropRate: 0, afterCommit: false });
  local().resetStats();
});

/** Every task in a project, marker or not: a duplicate shows here even if nothing claims it. */
async function tasksIn(project: string): Promise<number> {
  const page = z.object({ data: z.array(z.object({ gid: z.string() })) });
  return page.parse(await rest('GET', `/projects/${project}/tasks?opt_fields=name`)).data.length;
}

/** A clock the run's waits move, so the engine's settle time passes at once and alike across runs. */
function fakeTime(): RetryPolicy {
  let now = Date.parse('2027-01-04T09:00:00Z');
  return {
    ...defaultRetryPolicy,
    sleep: async (ms) => {
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    now: () => now,
  };
}

function planFor(id: string, detail?: string): Plan {
  const raw = recordWith({ id, items: 8, links: 4 });
  if (detail) Object.assign(raw.promises[0] ?? {}, { detail });
  const record = validateRecord(raw);
  if (!record.ok) throw new Error(JSON.stringify(record.problems.slice(0, 3)));
  return buildPlan(record.value, { target: 'asana' });
}

async function provision(plan: Plan, tokenKind: 'oauth' | 'pat', ledger: CreationLedger, policy: RetryPolicy) {
  // A fresh tracker each run, as a new CLI process has: nothing remembered but the ledger.
  const tracker = createAsanaTracker({
    basePath: local().url,
    token: tokenKind === 'oauth' ? LOCAL_ASANA_OAUTH_TOKEN : LOCAL_ASANA_PAT,
    workspace: DEMO_WORKSPACE.gid,
    team: DEMO_TEAM.gid,
    tokenKind,
  });
  const accounts = await lookUpPeople(tracker, assigneesOf(plan), policy);
  return applyPlan(plan, tracker, { accounts, policy, ledger });
}

/** One project for the record, holding every plan item exactly once and nothing else. */
async function expectOnce(plan: Plan, tokenKind: 'oauth' | 'pat') {
  const projects = await projectsOfRecord(rest, DEMO_WORKSPACE.gid, plan.recordId);
  expect(projects).toHaveLength(1);
  const seen = await seenInAsana(rest, { workspace: DEMO_WORKSPACE.gid, tokenKind }, plan.recordId);
  expect(seen.map((s) => s.itemId).sort()).toEqual(plan.items.map((i) => i.itemId).sort());
  expect(await tasksIn(projects[0]?.gid ?? '')).toBe(plan.items.length);
}

const createProject = asanaSdk.ProjectsApi.prototype.createProjectForTeam;

for (const tokenKind of ['oauth', 'pat'] as const) {
  describe(`attack F5: one project per record, whatever fails around the project's create (${tokenKind})`, () => {
    it('a 503 after the project create took effect: exactly one project and every task once', async () => {
      const plan = planFor(`f5-503-${tokenKind}`);
      const calls = vi.spyOn(asanaSdk.ProjectsApi.prototype, 'createProjectForTeam').mockImplementation(async function (
        this: unknown,
        ...args
      ) {
        // The local Asana's own fault: the project is made, the answer is a 5xx.
        local().faults.update({ errorRate: 1, afterCommit: true });
        try {
          return await createProject.apply(this, args);
        } finally {
          local().faults.update({ errorRate: 0, afterCommit: false });
        }
      });
      const ledger = memoryLedger();
      const report = await provision(plan, tokenKind, ledger, fakeTime());
      expect(calls).toHaveBeenCalledTimes(1);
      expect(injectedFrom(local().stats().statuses).errors).toBe(1);
      expect(report.failed).toEqual([]);
      expect(report.created).toHaveLength(plan.items.length);
      await expectOnce(plan, tokenKind);
      const again = await provision(plan, tokenKind, ledger, fakeTime());
      expect([again.created, again.failed]).toEqual([[], []]);
      await expectOnce(plan, tokenKind);
    });

    it('a run killed right after the project create answered, re-run without typeahead: one project', async () => {
      const plan = planFor(`f5-kill-${tokenKind}`);
      const policy = fakeTime();
      const ledger = memoryLedger();
      let answered: () => void = () => undefined;
      const killed = new Promise<void>((resolve) => (answered = resolve));
      vi.spyOn(asanaSdk.ProjectsApi.prototype, 'createProjectForTeam').mockImplementation(async function (
        this: unknown,
        ...args
      ) {
        await createProject.apply(this, args);
        answered();
        // The process is gone: nothing after this answer ever runs.
        return new Promise<never>(() => undefined);
      });
      void provision(plan, tokenKind, ledger, policy);
      await killed;
      vi.restoreAllMocks();
      // Asana's typeahead is not exhaustive: the re-run must not depend on it (the list decides).
      vi.spyOn(asanaSdk.TypeaheadApi.prototype, 'typeaheadForWorkspace').mockResolvedValue({ data: [] });
      expect(await projectsOfRecord(rest, DEMO_WORKSPACE.gid, plan.recordId)).toHaveLength(1);
      const report = await provision(plan, tokenKind, ledger, policy);
      expect(report.failed).toEqual([]);
      expect(report.created).toHaveLength(plan.items.length);
      await expectOnce(plan, tokenKind);
    });
  });
}

describe('attack F7: a promise whose detail holds a handoff-item line (pat)', () => {
  it('is its own task: three runs create the plan once and nothing after', async () => {
    const plan = planFor(
      'f7-marker',
      'Copied from the old task:\nhandoff-item: f7-marker f7-marker/promise/p1 plan 0000',
    );
    const ledger = memoryLedger();
    const created: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      // A new machine each time too (no ledger): only the notes can tell the tasks apart.
      const report = await provision(plan, 'pat', run === 0 ? ledger : memoryLedger(), fakeTime());
      expect(report.failed).toEqual([]);
      created.push(report.created.length);
    }
    expect(created).toEqual([plan.items.length, 0, 0]);
    await expectOnce(plan, 'pat');
  });
});

describe('Asana typeahead is not exhaustive (a few recent matches): the project is found without it (pat)', () => {
  it('a re-run after newer projects crowd typeahead: the project listing finds it, nothing is made', async () => {
    const plan = planFor('crowd-2026');
    expect((await provision(plan, 'pat', memoryLedger(), fakeTime())).created).toHaveLength(plan.items.length);
    // Newer projects whose names match the record id, as a customer's follow-up records would.
    for (let n = 1; n <= TYPEAHEAD_RECENT_MATCHES; n += 1)
      await rest('POST', '/projects', {
        workspace: DEMO_WORKSPACE.gid,
        team: DEMO_TEAM.gid,
        name: `Follow-up ${n} [crowd-2026-${n}]`,
      });
    const query = 'resource_type=project&query=crowd-2026&count=100&opt_fields=name';
    const ahead = z
      .object({ data: z.array(z.object({ name: z.string() })) })
      .parse(await rest('GET', `/workspaces/${DEMO_WORKSPACE.gid}/typeahead?${query}`));
    expect(ahead.data.map((p) => p.name).filter((name) => name.endsWith('[crowd-2026]'))).toEqual([]);
    local().resetStats();
    // Another machine: no ledger, nothing remembered.
    const again = await provision(plan, 'pat', memoryLedger(), fakeTime());
    expect([again.created, again.failed]).toEqual([[], []]);
    const requests = local().stats().requests;
    // Reads only: the people, typeahead (a miss), one page of the project list (the find), the project's tasks.
    expect(requests).toEqual({
      'GET /api/1.0/users/{user_gid}': 3,
      'GET /api/1.0/workspaces/{workspace_gid}/typeahead': 1,
      'GET /api/1.0/workspaces/{workspace_gid}/projects': 1,
      'GET /api/1.0/projects/{project_gid}/tasks': 1,
    });
    await expectOnce(plan, 'pat');
  });
});
