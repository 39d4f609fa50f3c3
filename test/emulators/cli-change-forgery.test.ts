import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { accountIdFor, LOCAL_ADMIN, localApiToken } from '../../emulators/jira/index';
import { decodePayload, encodePayload } from '../../src/usecases/change/payload';
import { cliJiraSite } from './cli-jira-site';
import { TEST_APPROVAL_KEY } from './env';
import { at, callJira } from './local-jira-harness';
import { ACME, runCli } from '../unit/cli/run-cli';

/**
 * Attack F1 replayed through the CLI against the local Jira: the machine state and payload of a
 * change request are entity properties anyone who may edit the issue can rewrite, so approve and
 * apply trust them only when they match the seal signed with HANDOFF_APPROVAL_KEY.
 */

const PRIYA = 'priya.nair@vendor.example'; // acme's approval owner
const MARIA = 'maria.lopez@vendor.example'; // a member, not the approval owner
const DEL = ['--target', 'jira', '--project', 'DEL', '--today', '2026-12-01'];
const dir = mkdtempSync(join(tmpdir(), 'handoff-cli-forgery-'));

function recordFile(name: string, edit: (r: { promises: Array<Record<string, unknown>> }) => void): string {
  const record = parse(readFileSync(ACME, 'utf8'));
  edit(record);
  const file = join(dir, `${name}.handoff.yaml`);
  writeFileSync(file, stringify(record));
  return file;
}

/** The harmless change the approval owner approves: one promise moves. */
const HARMLESS = recordFile('harmless', (r) => Object.assign(r.promises[0] ?? {}, { due: 'kickoff+15bd' }));
/** The member's own change, which descopes three promises. */
const HARMFUL = recordFile('harmful', (r) => {
  for (const p of r.promises.slice(0, 3))
    Object.assign(p, { excluded: 'dropped', owner: undefined, due: undefined, milestone: undefined });
});
/** Another honest change, for the payload-edit and re-propose cases. */
const RENAMED = recordFile('renamed', (r) => Object.assign(r.promises[2] ?? {}, { title: 'Three training sessions' }));

const json = (out: string) => z.object({ kind: z.string(), key: z.string() }).loose().parse(JSON.parse(out));
const PROPERTY = (key: string, name: string) => `/rest/api/3/issue/${key}/properties/${name}`;

describe('attack F1 through the CLI on a Jira site: change data rewritten on the ticket', () => {
  const site = cliJiraSite();
  const actAs = (email: string) =>
    Object.assign(process.env, {
      JIRA_EMAIL: email,
      JIRA_API_TOKEN: email === LOCAL_ADMIN.email ? LOCAL_ADMIN.apiToken : localApiToken(email),
    });
  const who = (email: string) => ({ email, apiToken: localApiToken(email) });
  const propose = async (file: string) => {
    const result = await runCli('change', 'propose', ACME, file, ...DEL, '--json');
    expect(result.code, result.err).toBe(0);
    return json(result.out).key;
  };
  const descoped = async () => {
    const found = await callJira(site.jira.url, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = DEL AND labels = descoped',
      fields: ['labels'],
    });
    return z.object({ issues: z.array(z.unknown()) }).parse(found.body).issues.length;
  };

  it('provisions the record the changes start from', async () => {
    actAs(LOCAL_ADMIN.email);
    expect((await runCli('provision', ACME, ...DEL)).code).toBe(0);
  });

  it('attack F1 (a): a rewritten approvalOwner lets neither the rewriter approve nor anyone apply', async () => {
    actAs(LOCAL_ADMIN.email);
    const key = await propose(HARMLESS);
    expect((await runCli('change', 'approve', key)).err).toContain(`only ${PRIYA} (the approval owner) may decide`);
    const state = (await callJira(site.jira.url, 'GET', PROPERTY(key, 'handoff-change'))).body;
    const forged = {
      ...z.object({ value: z.record(z.string(), z.unknown()) }).parse(state).value,
      approvalOwner: { email: LOCAL_ADMIN.email, account: accountIdFor(LOCAL_ADMIN.email) },
    };
    expect((await callJira(site.jira.url, 'PUT', PROPERTY(key, 'handoff-change'), forged)).status).toBe(200);

    const approve = await runCli('change', 'approve', key);
    expect(approve.code).toBe(1);
    expect(approve.err).toContain(`${key}'s change data was edited after it was proposed`);
    expect(approve.err).toContain('nothing was decided — propose the change again');
    const apply = await runCli('change', 'apply', key, '--today', '2026-12-01');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain(`${key}'s change data was edited after it was proposed`);
    expect(apply.err).toContain('nothing was applied');
    // Jira still shows it open: the forged approval went nowhere.
    const issue = await callJira(site.jira.url, 'GET', `/rest/api/3/issue/${key}?fields=status`);
    expect(at(issue.body, 'fields', 'status', 'statusCategory', 'key')).not.toBe('done');
  });

  const copied = 'attack F1 (b): state and payload copied from a member’s proposal onto an approved one: apply refused';
  it(copied, async () => {
    actAs(LOCAL_ADMIN.email);
    // The forged twin of (a) is left alone: proposing the same change again opens a new, sealed one.
    const approved = await propose(HARMLESS);
    actAs(PRIYA);
    expect((await runCli('change', 'approve', approved)).code).toBe(0);
    actAs(MARIA);
    const own = await propose(HARMFUL);
    for (const name of ['handoff-change', 'handoff-change-payload-0']) {
      const copied = await callJira(site.jira.url, 'GET', PROPERTY(own, name), undefined, who(MARIA));
      const value = z.object({ value: z.unknown() }).parse(copied.body).value;
      const put = await callJira(site.jira.url, 'PUT', PROPERTY(approved, name), value, who(MARIA));
      expect(put.status).toBe(200);
    }
    const before = await descoped();

    actAs(LOCAL_ADMIN.email);
    const apply = await runCli('change', 'apply', approved, '--today', '2026-12-01');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain(`${approved}'s change data was edited after it was proposed`);
    expect(await descoped()).toBe(before);
    expect(before).toBe(0);
  });

  it('attack F1 (c): an edited payload part is refused; proposing again opens a sealed one that applies', async () => {
    actAs(LOCAL_ADMIN.email);
    const key = await propose(RENAMED);
    // A payload that still decodes: the proposed record now names another owner for the training.
    const stored = await callJira(site.jira.url, 'GET', PROPERTY(key, 'handoff-change-payload-0'));
    const payload = decodePayload([z.object({ value: z.object({ data: z.string() }) }).parse(stored.body).value.data]);
    if (!payload) throw new Error('the stored payload does not decode');
    const proposed = z
      .object({ promises: z.array(z.record(z.string(), z.unknown())) })
      .loose()
      .parse(payload.proposed);
    Object.assign(proposed.promises[2] ?? {}, { owner: MARIA });
    const [data] = encodePayload({ ...payload, proposed });
    const put = await callJira(site.jira.url, 'PUT', PROPERTY(key, 'handoff-change-payload-0'), { data });
    expect(put.status).toBe(200);
    actAs(PRIYA);
    const approve = await runCli('change', 'approve', key);
    expect(approve.code).toBe(1);
    expect(approve.err).toContain('was edited after it was proposed');

    actAs(LOCAL_ADMIN.email);
    const again = await propose(RENAMED);
    expect(again).not.toBe(key);
    actAs(PRIYA);
    expect((await runCli('change', 'approve', again)).code).toBe(0);
    actAs(LOCAL_ADMIN.email);
    const applied = await runCli('change', 'apply', again, '--today', '2026-12-01');
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain('0 created, 1 updated, 0 descoped');
  });

  it('without HANDOFF_APPROVAL_KEY the change commands are refused naming it; history still reads', async () => {
    actAs(LOCAL_ADMIN.email);
    delete process.env.HANDOFF_APPROVAL_KEY;
    try {
      for (const command of [
        ['propose', ACME, HARMLESS, ...DEL],
        ['approve', 'DEL-1'],
        ['apply', 'DEL-1'],
        ['reject', 'DEL-1', '--reason', 'no'],
      ]) {
        const result = await runCli('change', ...command);
        expect(result.code, command[0]).toBe(2);
        expect(result.err).toContain('HANDOFF_APPROVAL_KEY');
        expect(result.err).toContain('openssl rand -hex 32');
      }
      process.env.HANDOFF_APPROVAL_KEY = 'too-short';
      expect((await runCli('change', 'apply', 'DEL-1')).err).toContain('at least 32 hexadecimal characters');
      delete process.env.HANDOFF_APPROVAL_KEY;
      const history = await runCli('history', ACME, ...DEL.slice(0, 4));
      expect(history.code, history.err).toBe(0);
      expect(history.out).toContain('proposed');
    } finally {
      process.env.HANDOFF_APPROVAL_KEY = TEST_APPROVAL_KEY;
    }
  });
});
