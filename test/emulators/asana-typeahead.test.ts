import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TEAM, DEMO_WORKSPACE, TYPEAHEAD_RECENT_MATCHES } from '../../emulators/asana/index';
import { at, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Eight projects whose names all match `acme`, oldest first; their gids. */
async function eightAcmeProjects(asana: TestAsana): Promise<string[]> {
  const gids: string[] = [];
  for (let n = 1; n <= 8; n += 1)
    gids.push(
      gidOf(
        await asana.call('POST', '/projects', {
          data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: `Acme phase ${n}` },
        }),
      ),
    );
  return gids;
}

const typeahead = async (asana: TestAsana) =>
  dataList(
    await asana.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/typeahead?resource_type=project&query=acme&count=100`),
  ).map((p) => at(p, 'gid'));

describe('Asana typeahead is not exhaustive (a few recent matches, whatever count asks)', () => {
  it(`answers the ${TYPEAHEAD_RECENT_MATCHES} newest matches by default: older ones are missed`, async () => {
    t = await startTestAsana();
    const gids = await eightAcmeProjects(t);
    expect(await typeahead(t)).toEqual(gids.slice(-TYPEAHEAD_RECENT_MATCHES).reverse());
  });

  it('answers every match up to count with typeahead: exhaustive (the opt-in)', async () => {
    t = await startTestAsana({ typeahead: 'exhaustive' });
    const gids = await eightAcmeProjects(t);
    expect(await typeahead(t)).toEqual([...gids].reverse());
  });
});
