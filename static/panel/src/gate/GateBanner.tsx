import { useEffect, useState } from 'react';
import type { GateView } from '../../../../src/forge/resolvers/resolvers';
import type { Loaded } from '../use-resolver';
import { Lozenge } from '../ui/Lozenge';
import { ErrorMessage } from '../ui/Message';
import { ProblemList } from '../ui/ProblemList';
import { GateBar } from './GateBar';
import type { ShownGate } from './use-shown-gate';
import { useDates } from '../ui/dates';
import { IssueLink } from '../ui/IssueLink';
import type { Provisioned } from '../provision/provisioned';
import { STARTED_BY } from '../../../../src/domain/run-trigger';
import { counted, ticketNoun, trackerName } from '../../../../src/domain/words';
import { itemIdOf } from '../../../../src/domain/plan/plan-items';

type Props = {
  gate: Loaded<GateView>;
  /** The saved record's finished run: the banner says the handoff is provisioned, and links its issues. */
  provisioned: Provisioned | null;
  projectKey: string;
  /** Where the record went, when not this Jira project: an Asana team, whose tasks the results link one by one. */
  asanaTarget: string | null;
  siteUrl: string;
  shown: ShownGate;
  /** The record the blockers are named from: the draft when it reads, else the saved one. */
  record: unknown;
  hasRecord: boolean;
  onGoTo(path: string): void;
};

/**
 * The first thing the lead reads: GO or NOT YET — of the draft as they type, the same gate the
 * resolver runs — how many blockers, and each blocker, in form order and in the lead's words, as
 * a link to the field that causes it. Warnings are one click further down. Once the banner is
 * scrolled away, a compact bar keeps the count and the next blocker in view.
 */
export function GateBanner({
  gate,
  provisioned,
  projectKey,
  asanaTarget,
  siteUrl,
  shown,
  record,
  hasRecord,
  onGoTo,
}: Props) {
  const [banner, setBanner] = useState<HTMLElement | null>(null);
  const inView = useInView(banner);
  const dates = useDates();
  if (!hasRecord) return null;
  if (gate.error) return <ErrorMessage title="The gate could not be checked" error={gate.error} onGoTo={onGoTo} />;
  const view = shown.view;
  if (!view)
    return (
      <section className="gate gate-loading" aria-busy="true">
        <p>Checking the gate…</p>
      </section>
    );
  const go = view.decision === 'go';
  const unchecked = shown.notLookedUp.length;
  const tracker = trackerName(view.tracker.name);

  return (
    <>
      <section
        ref={setBanner}
        className={`gate ${go ? 'gate-go' : 'gate-not-yet'}`}
        aria-labelledby="gate-title"
        aria-busy={gate.loading || undefined}
      >
        <div className="gate-head">
          <h2 id="gate-title" className="gate-title">
            <Lozenge appearance={go ? 'success' : 'removed'} bold>
              {go ? 'Go' : 'Not yet'}
            </Lozenge>
            <span data-testid="gate-summary" aria-live="polite">
              {go
                ? provisioned
                  ? 'Provisioned'
                  : 'Ready to provision'
                : `${view.blockers.length} blocker${view.blockers.length === 1 ? '' : 's'} before go`}
            </span>
          </h2>
          <p className="subtle" data-testid="gate-basis">
            As of {dates.day(view.today)} · {view.items} item{view.items === 1 ? '' : 's'} planned ·{' '}
            {view.warnings.length} warning
            {view.warnings.length === 1 ? '' : 's'}
            {shown.mode === 'live' && ' · with your unsaved changes'}
            {shown.mode === 'checking' && ` · checking with ${tracker}…`}
            {shown.mode === 'live' &&
              unchecked > 0 &&
              ` · ${counted(unchecked, 'new person', 'new people')} to look up in ${tracker} when you save`}
            {shown.mode === 'unreadable' && ' · of the saved record: the draft has problems to fix first'}
          </p>
          {!view.tracker.lookedUp && (
            <p data-testid="gate-not-looked-up">
              Owners not looked up in {tracker}: connect your {tracker} account (Provision tab) to see whether each can
              be assigned work there.
            </p>
          )}
          {provisioned && (
            <p data-testid="provisioned-line">
              {counted(provisioned.keys.size, ticketNoun(asanaTarget ? 'asana' : 'jira'))} in{' '}
              {asanaTarget ?? projectKey}, provisioned {dates.moment(provisioned.at)}{' '}
              {provisioned.by ? (
                <>
                  by <strong data-testid="provisioned-by">{provisioned.by}</strong> {STARTED_BY[provisioned.trigger]}
                </>
              ) : (
                `(started ${STARTED_BY[provisioned.trigger]})`
              )}
              {/* Jira's search lists them all; in Asana they are the tasks of the record's project. */}
              {asanaTarget ? (
                <ProjectLink provisioned={provisioned} siteUrl={siteUrl} />
              ) : (
                <>
                  {' '}
                  ·{' '}
                  <IssueLink siteUrl={siteUrl} issueKey="" url={provisioned.searchUrl}>
                    Open them in Jira
                  </IssueLink>
                </>
              )}
            </p>
          )}
        </div>
        {view.blockers.length > 0 && <ProblemList problems={view.blockers} record={record} onGoTo={onGoTo} />}
        {view.warnings.length > 0 && (
          <details className="gate-warnings">
            <summary>
              {view.warnings.length} warning{view.warnings.length === 1 ? '' : 's'} (they do not block go)
            </summary>
            <ProblemList problems={view.warnings} record={record} onGoTo={onGoTo} />
          </details>
        )}
      </section>
      {!inView && !go && <GateBar view={view} record={record} onGoTo={onGoTo} />}
    </>
  );
}

/** Whether the element is at least partly on screen (true until it is known not to be). */
function useInView(element: HTMLElement | null): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry?.isIntersecting ?? true));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return inView;
}

/** The record's Asana project, which its parent item is: it lists every task the run made. */
function ProjectLink({ provisioned, siteUrl }: { provisioned: Provisioned; siteUrl: string }) {
  const parent = itemIdOf(provisioned.recordId, 'parent', provisioned.recordId);
  const project = provisioned.keys.get(parent);
  if (!project) return null;
  return (
    <>
      {' '}
      ·{' '}
      <IssueLink siteUrl={siteUrl} issueKey={project} itemId={parent}>
        Open the project in Asana
      </IssueLink>
    </>
  );
}
