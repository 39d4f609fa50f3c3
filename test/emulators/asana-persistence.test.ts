import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_WORKSPACE, startLocalAsana } from '../../emulators/asana/index';
import {
  asanaSpecFile,
  at,
  createProject,
  createTask,
  dataList,
  startTestAsana,
  type TestAsana,
} from './local-asana-harness';

/** The parts of asana.json version 2 added. */
const stateFile = z
  .object({
    teams: z.array(z.unknown()),
    workspaces: z.array(z.object({ isOrganization: z.boolean() }).loose()),
    projects: z.array(z.object({ teamGid: z.string().nullable() }).loose()),
  })
  .loose();

const started: TestAsana[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-asana-shared-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, fresh = false): Promise<TestAsana> {
  const t = await startTestAsana({ dataDir: dir, fresh });
  started.push(t);
  return t;
}

const names = async (t: TestAsana, project: string) =>
  dataList(await t.call('GET', `/projects/${project}/tasks?opt_fields=name`)).map((x) => at(x, 'name'));

describe('the data directory', () => {
  it('keeps projects, tasks and people across a restart, in asana.json', async () => {
    const dir = dataDir();
    const first = await start(dir, true);
    const { project } = await createProject(first, 'Survives');
    const task = await createTask(first, project, { name: 'Survives a restart', external: { gid: 'kept' } });
    await first.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/addUser`, {
      data: { user: 'late.joiner@vendor.example' },
    });
    await first.close();
    started.splice(started.indexOf(first), 1);

    const second = await start(dir);
    expect(at((await second.call('GET', '/tasks/external:kept?opt_fields=name')).body, 'data')).toEqual({
      gid: task,
      name: 'Survives a restart',
    });
    expect((await second.call('GET', '/users/late.joiner@vendor.example')).status).toBe(200);
    expect(JSON.parse(readFileSync(join(dir, 'asana.json'), 'utf8'))).toMatchObject({
      version: 2,
      workspaces: expect.any(Array),
      teams: expect.any(Array),
    });
  });

  const versionOne = 'loads a version 1 file (before organizations and teams) as it was: plain workspaces, no teams';
  it(versionOne, async () => {
    const dir = dataDir();
    const seeded = await start(dir, true);
    const { project } = await createProject(seeded, 'Before teams');
    await seeded.close();
    started.splice(started.indexOf(seeded), 1);
    // What version 1 wrote: no teams, no workspace kind, no project team.
    const v1 = stateFile.parse(JSON.parse(readFileSync(join(dir, 'asana.json'), 'utf8')));
    writeFileSync(
      join(dir, 'asana.json'),
      JSON.stringify({
        ...v1,
        version: 1,
        teams: undefined,
        workspaces: v1.workspaces.map((w) => ({ ...w, isOrganization: undefined })),
        projects: v1.projects.map((p) => ({ ...p, teamGid: undefined })),
      }),
    );

    const after = await start(dir);
    expect(at((await after.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}`)).body, 'data', 'is_organization')).toBe(
      false,
    );
    expect(at((await after.call('GET', `/projects/${project}`)).body, 'data', 'team')).toBeUndefined();
    const plain = await after.call('POST', '/projects', { data: { workspace: DEMO_WORKSPACE.gid, name: 'No team' } });
    expect(plain.status).toBe(201);
    expect(JSON.parse(readFileSync(join(dir, 'asana.json'), 'utf8'))).toMatchObject({ version: 2, teams: [] });
  });

  it('lets two emulators share a directory, each seeing what the other wrote, gids never colliding', async () => {
    const dir = dataDir();
    const a = await start(dir, true);
    const b = await start(dir);
    const { project } = await createProject(a, 'Shared');
    const fromA = await createTask(a, project, { name: 'made by A' });
    const fromB = await createTask(b, project, { name: 'made by B' });
    expect(fromB).not.toBe(fromA);
    expect(await names(a, project)).toEqual(['made by A', 'made by B']);
  });

  it('picks up what another process wrote to the same data directory', async () => {
    const dir = dataDir();
    const here = await start(dir, true);
    const { project } = await createProject(here, 'Two processes');
    const mine = await createTask(here, project, { name: 'made here' });
    const script = fileURLToPath(new URL('./fixtures/asana-second-process.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, dir, project]);
    expect(BigInt(stdout)).toBeGreaterThan(BigInt(mine));
    expect(await names(here, project)).toEqual(['made here', 'made by another process']);
  });

  it('starts over from the seed with fresh: true', async () => {
    const dir = dataDir();
    const first = await start(dir, true);
    await createProject(first, 'Gone after fresh');
    const again = await start(dir, true);
    expect(dataList(await again.call('GET', `/projects?workspace=${DEMO_WORKSPACE.gid}`))).toEqual([]);
  });

  it('refuses to start on a file that is not a local Asana, rather than overwrite it', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'asana.json'), JSON.stringify({ hello: 'world' }));
    await expect(startLocalAsana({ dataDir: dir, specFile: asanaSpecFile })).rejects.toThrow(/not a local Asana/);
  });

  it('checks its options when started', async () => {
    await expect(startLocalAsana({ port: -1 })).rejects.toThrow(/bad options: port/);
    // @ts-expect-error an unknown option is refused, not ignored
    await expect(startLocalAsana({ prot: 8789 })).rejects.toThrow(/bad options/);
    await expect(startLocalAsana({ faults: { errorRate: 2 } })).rejects.toThrow(/faults.errorRate/);
    // @ts-expect-error Asana has no such plan
    await expect(startLocalAsana({ faults: { rateLimitPreset: 'enterprise' } })).rejects.toThrow(
      /faults.rateLimitPreset/,
    );
  });
});
