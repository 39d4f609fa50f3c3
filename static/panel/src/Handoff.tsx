import { Suspense, lazy, useMemo, useState } from 'react';
import * as api from './api';
import { ChangesPanel } from './changes/ChangesPanel';
import { useChanges } from './changes/use-changes';
import { GateBanner } from './gate/GateBanner';
import { useShownGate } from './gate/use-shown-gate';
import type { PageContext } from './page-context';
import { PlanPreview } from './plan/PlanPreview';
import { ProvisionPanel } from './provision/ProvisionPanel';
import { useProvisioning } from './provision/use-provisioning';
import { provisionedOf } from './provision/provisioned';
import { useIssueStatuses } from './provision/use-issue-statuses';
import { Inbox } from './inbox/Inbox';
import { ImportDialog } from './record/ImportDialog';
import { RecordEditor } from './record/RecordEditor';
import { RemovalProvider } from './record/RemovalDialog';
import { useDescopeReasons } from './record/descope-reasons';
import { withValue } from './record/yaml-doc';
import { RecordNotices } from './record/RecordNotices';
import { RecordToolbar } from './record/RecordToolbar';
import { useRecord } from './record/use-record';
import { SignOffs } from './signoff/SignOffs';
import { HistoryList } from './summary/HistoryList';
import { Tabs } from './ui/Tabs';
import { ErrorMessage, Message } from './ui/Message';
import { TABS, useNavigation } from './use-navigation';
import { useResolver } from './use-resolver';
import { ItemLinksProvider } from './target/item-links';
import { useTarget } from './target/use-target';

// The summary's Markdown renderer is a third of the bundle: it loads when the tab is first opened.
const SummaryView = lazy(() => import('./summary/SummaryView').then((m) => ({ default: m.SummaryView })));

const LABELS = {
  record: 'Record',
  signoffs: 'Sign-offs',
  plan: 'Plan',
  provision: 'Provision',
  summary: 'Summary',
  changes: 'Changes',
  history: 'History',
};

/** The Handoff page of one project: the gate on top, then the record and everything done with it. */
export function Handoff({ context }: { context: PageContext }) {
  const record = useRecord(context.projectKey);
  const hasRecord = record.saved !== null;
  const provisioning = useProvisioning(record.savedAt);
  // Read again once a run has started: from then on the target is fixed.
  const target = useTarget(provisioning.status?.run?.runId ?? null);
  // The gate looks people up in the target (Jira or Asana): asked again when the target changes.
  const gateVersion = `${record.savedAt ?? ''}|${target.view?.name ?? ''}`;
  const gate = useResolver(api.gate, gateVersion, hasRecord && target.view !== null);
  const shownGate = useShownGate(record.draft, record.dirty, gate);
  const plan = useResolver(api.plan, record.savedAt, hasRecord);
  const nav = useNavigation();
  const [importing, setImporting] = useState(false);
  const run = provisioning.status?.run;
  // A provisioned record changes only through an approved change; a
  // CONFLICT on save says so too (someone provisioned it meanwhile).
  const provisionedRun = useMemo(
    () => provisionedOf(run, record.saved?.id, context.siteUrl),
    [run, record.saved?.id, context.siteUrl],
  );
  const provisioned = provisionedRun !== null || record.saveError?.code === 'CONFLICT';
  // Where each issue stands in Jira, looked at again as the lead moves between tabs.
  const issueStatuses = useIssueStatuses(provisionedRun, nav.tab);
  // Each item's issue and its status, as the editor, the plan and the summary name them.
  const issueLinks = provisionedRun && { items: issueStatuses.items, siteUrl: context.siteUrl };
  // Why each provisioned item was taken out of the draft: kept with the draft, carried by its proposal.
  const descope = useDescopeReasons(context.projectKey, record.savedAt, record.dirty);
  const changes = useChanges(record.savedAt, hasRecord && provisioned, record.reloadSaved);
  const propose = provisioned
    ? {
        busy: changes.busy,
        // The draft as proposed is waiting for its approval: proposing it again would do nothing.
        pending: changes.proposal?.text === record.text ? changes.proposal.key : null,
        run: () => {
          nav.setTab('changes');
          void changes.propose(record.text, descope.forProposal(record.saved, record.draft));
        },
      }
    : null;

  if (record.loading)
    return (
      <p aria-busy="true" className="page-loading">
        Loading the handoff record of {context.projectKey}…
      </p>
    );
  if (record.loadError)
    return <ErrorMessage title={`The record of ${context.projectKey} could not be loaded`} error={record.loadError} />;

  // Fields say "Blocks go" for the gate shown: the draft's, so a fixed field stops saying it as it is fixed.
  const blockers = shownGate.view?.blockers ?? [];
  // A draft that was never saved valid (an import with problems) is still edited here.
  const editing = hasRecord || record.text.trim() !== '';
  const screens = {
    record: (
      <RemovalProvider
        recordId={record.saved?.id ?? null}
        issues={provisionedRun && issueStatuses.items}
        reasons={descope}
        text={record.text}
        restore={record.setText}
      >
        <RecordEditor
          record={record}
          blockers={blockers}
          section={nav.section}
          onSection={nav.setSection}
          onGoTo={nav.goTo}
          yamlFocus={nav.yamlFocus}
          reveal={nav.reveal}
          today={shownGate.view?.today ?? null}
          issues={issueLinks}
        />
      </RemovalProvider>
    ),
    signoffs: <SignOffs record={record} blockers={blockers} onSigned={() => void gate.refresh()} />,
    plan: (
      <PlanPreview
        plan={plan}
        record={record.saved}
        dirty={record.dirty}
        issues={issueLinks}
        blockers={blockers}
        today={shownGate.view?.today ?? null}
        onGoTo={nav.goTo}
      />
    ),
    provision: (
      <ProvisionPanel
        target={target}
        provisioning={provisioning}
        gate={gate.value}
        plan={plan.value}
        projectKey={context.projectKey}
        siteUrl={context.siteUrl}
        dirty={record.dirty}
        hasRecord={hasRecord}
        provisioned={provisioned}
        onGoTo={nav.goTo}
      />
    ),
    summary: !hasRecord ? (
      <p>The summary is written from the saved record: save a valid one first.</p>
    ) : record.saved && gate.value ? (
      <Suspense fallback={<p aria-busy="true">Preparing the summary…</p>}>
        <SummaryView
          record={record.saved}
          today={gate.value.today}
          issues={issueLinks}
          assignees={plan.value?.items.flatMap((i) => i.assignee ?? []) ?? []}
        />
      </Suspense>
    ) : (
      <p aria-busy="true">Preparing the summary…</p>
    ),
    changes: (
      <ChangesPanel
        changes={changes}
        siteUrl={context.siteUrl}
        tracker={target.view?.target.kind === 'asana' ? 'Asana' : 'Jira'}
        provisioned={provisioned}
        transfer={{
          record: record.saved,
          // The record follows a transfer as an edit of the draft: proposed (or saved) like any other.
          onRename: (fields, to) => record.editText((text) => fields.reduce((t, at) => withValue(t, at, to), text)),
        }}
      />
    ),
    history: <HistoryList history={record.history} total={record.historyTotal} />,
  };

  return (
    <ItemLinksProvider value={target.view?.itemLinkPrefix ?? null}>
      <main className="handoff">
        <header className="page-header">
          <div>
            <p className="subtle">Handoff · {context.projectKey}</p>
            <h1>{record.saved?.title ?? 'No handoff record yet'}</h1>
          </div>
          <RecordToolbar
            record={record}
            onImport={() => setImporting(true)}
            propose={propose}
            // Save or Propose is known once the run is: never a "Save" that turns into "Propose change".
            knowsAction={!hasRecord || provisioning.status !== null || provisioning.statusError !== null}
          />
        </header>
        <Inbox onComplete={record.draftText} />
        <RecordNotices record={record} provisioned={provisioned} onGoTo={nav.goTo} />
        {hasRecord ? (
          <GateBanner
            gate={gate}
            provisioned={provisionedRun}
            projectKey={context.projectKey}
            asanaTarget={target.view?.target.kind === 'asana' ? target.view.name : null}
            siteUrl={context.siteUrl}
            shown={shownGate}
            record={record.draft ?? record.saved}
            hasRecord={hasRecord}
            onGoTo={nav.goTo}
          />
        ) : editing ? (
          <Message kind="warning" title={`${context.projectKey} has no valid record saved yet`}>
            <p>Fix the problems in the record below and save it; the gate, the plan and provisioning follow.</p>
          </Message>
        ) : (
          <Message
            kind="information"
            title={`${context.projectKey} has no handoff record yet`}
            actions={
              <button type="button" className="link-button" onClick={() => setImporting(true)}>
                Import one
              </button>
            }
          >
            <p>Import an example or your own YAML file, or paste a record, to see what blocks go.</p>
          </Message>
        )}
        {editing && (
          <Tabs
            id="handoff-tabs"
            tabs={TABS}
            labels={LABELS}
            panels={screens}
            selected={nav.tab}
            onSelect={nav.setTab}
          />
        )}
        <ImportDialog
          open={importing}
          dirty={record.dirty}
          saved={record.saved && { id: record.saved.id, title: record.saved.title, provisioned }}
          projectKey={context.projectKey}
          onClose={() => setImporting(false)}
          onImport={(text) => void record.importText(text)}
          onDraft={record.draftText}
        />
      </main>
    </ItemLinksProvider>
  );
}
