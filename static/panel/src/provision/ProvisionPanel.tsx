import { Button } from '../ui/Button';
import ProgressBar from '@atlaskit/progress-bar';
import type { Plan } from '../../../../src/domain/plan/plan-types';
import type { GateView } from '../../../../src/forge/resolvers/resolvers';
import { ErrorMessage, Message } from '../ui/Message';
import { describeProgress } from './progress';
import { ProvisionResults } from './ProvisionResults';
import type { ProvisioningModel } from './use-provisioning';
import { useDates } from '../ui/dates';
import { STARTED_BY } from '../../../../src/domain/run-trigger';
import { TargetCard } from '../target/TargetCard';
import type { TargetModel } from '../target/use-target';

type Props = {
  provisioning: ProvisioningModel;
  /** Where the record goes (this Jira project or an Asana team), and the card that chooses it. */
  target: TargetModel;
  gate: GateView | null;
  plan: Plan | null;
  projectKey: string;
  siteUrl: string;
  dirty: boolean;
  hasRecord: boolean;
  /** The saved record has been provisioned: running again checks it, and unsaved changes are a proposal. */
  provisioned: boolean;
  onGoTo(path: string): void;
};

/** Why the button cannot be pressed now, in a sentence; null when it can. */
function blockedBecause({ provisioning, gate, dirty, hasRecord, provisioned }: Props, things: string): string | null {
  if (provisioning.underWay) return 'A provisioning run is under way.';
  if (!hasRecord) return 'Save a valid record first.';
  if (dirty && provisioned)
    return `Your changes are a change to propose (Propose change, above): the ${things} follow once it is approved.`;
  if (dirty) return `Save your changes first: provisioning creates the ${things} of the saved record.`;
  if (!gate) return 'Checking the gate…';
  if (gate.decision !== 'go')
    return (
      `The gate says not yet: fix the ${gate.blockers.length} ` +
      `blocker${gate.blockers.length === 1 ? '' : 's'} above first.`
    );
  return null;
}

/**
 * Provisioning: the button (disabled with the reason), the run's
 * progress, then every item's outcome with links to the issues.
 */
export function ProvisionPanel(props: Props) {
  const dates = useDates();
  const { provisioning, gate, plan, projectKey, siteUrl, onGoTo, target } = props;
  const inAsana = target.view?.target.kind === 'asana';
  const where = inAsana ? (target.view?.name ?? 'Asana') : projectKey;
  const things = inAsana ? 'tasks' : 'issues';
  const reason = blockedBecause(props, things);
  const run = provisioning.status?.run ?? null;
  const progress = run && run.state === 'running' ? describeProgress(run) : null;

  return (
    <div className="provision">
      {/* Keyed by the saved choice: once it changes (or is read), the card starts from it. */}
      <TargetCard key={target.view?.target.kind ?? 'reading'} target={target} projectKey={projectKey} />
      <div className="provision-action">
        <Button
          appearance="primary"
          disabled={reason !== null}
          onClick={() => void provisioning.start()}
          aria-describedby="provision-reason"
        >
          {props.provisioned
            ? `Check the ${things} in ${where} again`
            : `Provision ${gate?.items ?? ''} ${things} in ${where}`.replace('  ', ' ')}
        </Button>
        <p id="provision-reason" className="field-hint">
          {reason ??
            (props.provisioned
              ? `Runs the plan again and says what it finds: what is in ${inAsana ? 'Asana' : 'Jira'} is kept, ` +
                'nothing is created twice.'
              : inAsana
                ? 'Creates a project with a section per group and its tasks with assignees, due dates ' +
                  'and dependencies. Running it again creates nothing twice.'
                : 'Creates the Epic and its issues with owners, due dates ' +
                  'and Blocks links. Running it again creates nothing twice.')}
        </p>
      </div>
      {provisioning.error && (
        <ErrorMessage title="Nothing was provisioned" error={provisioning.error} onGoTo={onGoTo} />
      )}
      {provisioning.statusError && (
        <ErrorMessage title="The run's status could not be read" error={provisioning.statusError} />
      )}
      {(provisioning.starting || progress) && (
        <div className="progress" aria-live="polite">
          <ProgressBar
            ariaLabel="Provisioning progress"
            value={progress?.share ?? 0}
            isIndeterminate={!progress || progress.share === null}
          />
          <p data-testid="progress-label">{progress?.label ?? 'Starting…'}</p>
        </div>
      )}
      {run && provisioning.status?.stalled && (
        <Message kind="warning" title="The last run stopped before it finished">
          Provision again: it carries on where the run stopped and creates nothing twice.
        </Message>
      )}
      {run?.state === 'failed' && (
        <Message kind="error" title="The last run failed">
          {run.error ?? 'No reason was recorded.'} What was created is kept; fix the cause and provision again.
        </Message>
      )}
      {run?.outcome && (
        <>
          <p className="subtle">
            Last run started {STARTED_BY[run.trigger]}, finished {dates.moment(run.updatedAt)}.
          </p>
          <ProvisionResults outcome={run.outcome} plan={plan} siteUrl={siteUrl} />
        </>
      )}
    </div>
  );
}
