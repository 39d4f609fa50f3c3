import { useCallback } from 'react';
import type { IssueContextView } from '../../../../src/forge/resolvers/issue-context';
import * as api from '../api';
import type { PageContext } from '../page-context';
import { ErrorMessage, Message } from '../ui/Message';
import { useResolver } from '../use-resolver';
import { ChangeRequestView } from './ChangeRequestView';
import { TracedItemView } from './TracedItemView';

/**
 * The issue context panel: the promise (or dependency, risk, question) behind the issue open in
 * Jira, or — on a change request — its diff and the approval owner's decision. One resolver call
 * answers all of it; a decision reads it again.
 */
export function IssueContext({ context, issueKey }: { context: PageContext; issueKey: string }) {
  const read = useCallback(() => api.issueContext({ issueKey }), [issueKey]);
  const answer = useResolver<IssueContextView>(read, issueKey);
  if (answer.error)
    return <ErrorMessage title={`What ${issueKey} stands for could not be read`} error={answer.error} />;
  if (!answer.value)
    return (
      <p aria-busy="true" className="page-loading">
        Reading what {issueKey} stands for…
      </p>
    );
  const view = answer.value;
  return (
    <main className="issue-context" aria-label={`Handoff: ${view.issue.key}`}>
      {view.kind === 'none' && (
        <Message kind="information" title="Not a Handoff issue">
          {view.why}
        </Message>
      )}
      {view.kind === 'item' && <TracedItemView view={view} siteUrl={context.siteUrl} />}
      {view.kind === 'change' && <ChangeRequestView view={view} onDecided={answer.refresh} />}
    </main>
  );
}
