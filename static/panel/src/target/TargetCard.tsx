import { useEffect, useId, useState } from 'react';
import { Button } from '../ui/Button';
import { ErrorMessage } from '../ui/Message';
import { AsanaAccount, BackgroundGrant } from './AsanaConnection';
import type { TargetModel } from './use-target';

type Props = {
  target: TargetModel;
  projectKey: string;
  /** The page shows the caller's Asana account and the app's grant already (the settings page): not repeated here. */
  connectionShown?: boolean;
};

/**
 * Where the record is provisioned: this Jira project, or an Asana team. Choosing Asana needs the
 * lead's own Asana account connected (what they do there is done as them); work that runs in the
 * background (large plans, kickoff automation) uses the app's grant, whose absence is said here.
 * Once a run has started the target is fixed, and the card says so. Only project admins change it
 * (the resolver refuses anyone else); others see where it goes and why they cannot.
 */
export function TargetCard({ target, projectKey, connectionShown = false }: Props) {
  const { view } = target;
  // What the person picked, else the stored target (the view arrives after the first render).
  const [picked, setKind] = useState<'jira' | 'asana' | null>(null);
  const kind = picked ?? view?.target.kind ?? 'jira';
  const [workspace, setWorkspace] = useState('');
  const [team, setTeam] = useState('');
  const id = useId();
  const connected = view?.asana.connected ?? false;
  const { loadWorkspaces } = target;
  useEffect(() => {
    if (kind === 'asana' && connected) void loadWorkspaces();
  }, [kind, connected, loadWorkspaces]);

  if (target.loadError) return <ErrorMessage title="Where to provision could not be read" error={target.loadError} />;
  if (!view) return <p aria-busy="true">Reading where the record is provisioned…</p>;
  const chosenWorkspace = target.workspaces?.find((w) => w.gid === workspace) ?? null;
  const needsTeam = chosenWorkspace?.isOrganization ?? false;
  const ready = kind === 'jira' || (chosenWorkspace !== null && (!needsTeam || team !== ''));

  return (
    <section className="target-card" aria-labelledby={`${id}:title`}>
      <h3 id={`${id}:title`}>Where it is provisioned</h3>
      <p data-testid="target-name">{view.target.kind === 'jira' ? `${projectKey}, this Jira project` : view.name}</p>
      {view.fixed || !view.canChange ? (
        <>
          <p className="field-hint">{view.fixed ?? view.readOnlyWhy}</p>
          {/* Proposing, approving, reading history act in Asana as the person: each connects their own account. */}
          {view.target.kind === 'asana' && !connectionShown && <AsanaAccount target={target} />}
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void target.choose(
              kind === 'jira' ? { kind: 'jira' } : { kind: 'asana', workspace, team: needsTeam ? team : null },
            );
          }}
        >
          <fieldset className="target-choice">
            <legend>Provision the record in</legend>
            <label>
              <input type="radio" name="target" checked={kind === 'jira'} onChange={() => setKind('jira')} />
              Jira: {projectKey}
            </label>
            <label>
              <input type="radio" name="target" checked={kind === 'asana'} onChange={() => setKind('asana')} />
              An Asana team
            </label>
          </fieldset>
          {kind === 'asana' && !connectionShown && <AsanaAccount target={target} />}
          {kind === 'asana' && connected && (
            <div className="target-asana">
              <label htmlFor={`${id}:workspace`}>Workspace</label>
              <select
                id={`${id}:workspace`}
                value={workspace}
                onChange={(e) => {
                  setWorkspace(e.target.value);
                  setTeam('');
                }}
              >
                <option value="">{target.workspaces ? '— choose a workspace —' : 'Reading your workspaces…'}</option>
                {target.workspaces?.map((w) => (
                  <option key={w.gid} value={w.gid}>
                    {w.name}
                  </option>
                ))}
              </select>
              {needsTeam && (
                <>
                  <label htmlFor={`${id}:team`}>Team</label>
                  <select id={`${id}:team`} value={team} onChange={(e) => setTeam(e.target.value)}>
                    <option value="">— choose a team —</option>
                    {chosenWorkspace?.teams.map((t) => (
                      <option key={t.gid} value={t.gid}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                  {chosenWorkspace?.teams.length === 0 && (
                    <p className="field-hint">You are in no team of {chosenWorkspace.name}: join one in Asana first.</p>
                  )}
                </>
              )}
            </div>
          )}
          {(kind === 'jira' || connected) && (
            <Button type="submit" disabled={!ready || target.busy || (kind === view.target.kind && kind === 'jira')}>
              {kind === 'jira' ? `Provision in ${projectKey}` : 'Provision in this Asana team'}
            </Button>
          )}
        </form>
      )}
      {view.target.kind === 'asana' && !connectionShown && <BackgroundGrant granted={view.asana.background} />}
      {target.error && <ErrorMessage title="Nothing was changed" error={target.error} />}
    </section>
  );
}
