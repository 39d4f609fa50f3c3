import { counted } from '../../domain/words';
import { appOf, type App, type ForgeDeps } from '../deps';
import { toFailure } from '../errors';
import { asInvoker, invokerOf } from './action-caller';
import { projectOf } from './project-input';
import { queueProvisioning } from './queue-provisioning';
import { blockerLines, fieldOf, readinessOf } from './readiness';

/** Where a person follows a project's handoff: its Handoff project page (index.ts knows the app's address). */
export type PageUrl = (siteUrl: string, projectKey: string) => string;

/**
 * What an Automation action answers. Outputs are the fields the manifest declares under
 * `outputs` (scalars only: Automation's outputs are strings, numbers and booleans), which a
 * rule reads as smart values in its conditions and messages. `errors` stops the rule and puts
 * the sentences in its audit log (Forge "Communicating errors"): only for what a rule's owner
 * must fix — a missing project, a missing permission — never for an answer a rule branches on.
 */
export type ActionAnswer<Outputs> = Outputs | { errors: Array<{ message: string }> };

export type ReadinessOutputs = {
  /** `go`, `not-yet`, or `no-record` when the project has no saved record. */
  decision: 'go' | 'not-yet' | 'no-record';
  ready: boolean;
  blockerCount: number;
  /** One line per blocker (`field: what to do`), for a message as it is. */
  blockers: string;
  /** The blockers' fields, comma-separated: `{{…blockerFields.split(",")}}` is the list. */
  blockerFields: string;
  message: string;
};

export type ProvisionOutputs = {
  outcome: 'queued' | 'not-yet' | 'busy' | 'no-record';
  runId: string | null;
  followUrl: string | null;
  blockers: string;
  message: string;
};

/**
 * The two Jira Automation steps: "Check handoff readiness" and "Provision handoff". Forge
 * invokes each as `(payload, context)` — the configured inputs, and the invocation with its
 * principal. Both act as that person; nothing is thrown to Automation, whose own message for
 * a thrown error is generic.
 */
export function createAutomationActions(deps: ForgeDeps, pageUrl: PageUrl) {
  const app = appOf(deps);
  return {
    checkReadiness: answering(app, async (payload, context): Promise<ReadinessOutputs> => {
      const found = await asInvoker(app, ruleActor(context), projectOf(payload), (caller) => readinessOf(app, caller));
      if (found.kind === 'no-record')
        return {
          decision: 'no-record',
          ready: false,
          blockerCount: 0,
          blockers: '',
          blockerFields: '',
          message: `No handoff record is saved for project ${found.projectKey} yet.`,
        };
      const { decision, blockers, title } = found.value;
      return {
        decision,
        ready: decision === 'go',
        blockerCount: blockers.length,
        blockers: blockerLines(blockers),
        blockerFields: blockers.map(fieldOf).join(','),
        message:
          decision === 'go'
            ? `${title} is ready: the gate says go.`
            : `${title} is not ready yet: ${counted(blockers.length, 'blocker')}.`,
      };
    }),

    provisionHandoff: answering(app, async (payload, context): Promise<ProvisionOutputs> => {
      const found = await asInvoker(app, ruleActor(context), projectOf(payload), async (caller) => ({
        run: await queueProvisioning(app, caller, 'automation'),
        followUrl: pageUrl(caller.siteUrl, caller.projectKey),
      }));
      if (found.kind === 'no-record')
        return {
          outcome: 'no-record',
          runId: null,
          followUrl: null,
          blockers: '',
          message: `No handoff record is saved for project ${found.projectKey} yet; nothing was created.`,
        };
      const { run, followUrl } = found.value;
      if (run.kind === 'queued')
        return {
          outcome: 'queued',
          runId: run.runId,
          followUrl,
          blockers: '',
          message: `Provisioning is queued; follow it on the Handoff page: ${followUrl}`,
        };
      if (run.kind === 'busy') return { outcome: 'busy', runId: null, followUrl, blockers: '', message: run.why };
      return {
        outcome: 'not-yet',
        runId: null,
        followUrl,
        blockers: blockerLines(run.blockers),
        message: 'The gate says not yet, so nothing was created.',
      };
    }),
  };
}

/** Who the rule runs as: its connection's person, without whom nothing is read or started. */
const ruleActor = (context: unknown) =>
  invokerOf(
    context,
    'Handoff runs this step as a person, and Forge named none: give the rule a connection (an actor) ' +
      'who can browse the project.',
  );

/** An action's function: any failure becomes `{ errors }` with the sentence the page would show. */
function answering<Outputs>(app: App, body: (payload: unknown, context: unknown) => Promise<Outputs>) {
  return async (payload: unknown, context: unknown): Promise<ActionAnswer<Outputs>> => {
    try {
      return await body(payload, context);
    } catch (error) {
      return { errors: [{ message: toFailure(error, app.secrets, app.log).error.message }] };
    }
  };
}
