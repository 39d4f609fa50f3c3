import { Button } from '../ui/Button';
import ProgressBar from '@atlaskit/progress-bar';
import { useEffect, useId, useRef, useState } from 'react';
import type { TransferView } from '../../../../src/forge/resolvers/change-resolvers';
import type { ResolverError } from '../../../../src/forge/errors';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import type { TransferPreviewView } from '../../../../src/forge/resolvers/people-resolvers';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import * as api from '../api';
import { describeJob, settle } from '../jobs/job-client';
import { ErrorMessage, Message } from '../ui/Message';
import { IssueLink } from '../ui/IssueLink';
import { counted } from '../../../../src/domain/words';
import { OwnerCombobox } from '../people/OwnerCombobox';
import { RecordPeopleProvider } from '../people/record-people';
import { usePeople } from '../people/use-people';
import { fieldsNaming } from '../people/naming';
import { rescueFocus } from '../ui/focus-rescue';
import type { Segment } from '../field-path';

type Props = {
  /** The saved record: whom it names, and where. */
  record: HandoffRecord | null;
  siteUrl: string;
  /** What the tracker calls what moves: Jira's issues, Asana's tasks. */
  ticket: 'issue' | 'task';
  /** Names `to` instead of `from` in the draft's fields (then proposed or saved as any edit). */
  onRename(fields: ReadonlyArray<readonly Segment[]>, to: string): void;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The preview is asked once the two people stop changing for this long. */
const PREVIEW_PAUSE_MS = 400;

/**
 * "Someone leaves": every open ticket of the record assigned to one person moves to another,
 * with the transition note. Before it runs the panel says how many open tickets would move and
 * which fields of the record name the person leaving; it runs in the background (one tracker
 * request per ticket); after it, what moved — and the record's fields can follow, as an edit
 * (a provisioned record's edit is a change to propose).
 */
export function TransferOwner({ record, siteUrl, ticket, onRename }: Props) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  /** The preview of one pair of people (`for`): what would move, or why nothing can. */
  const [preview, setPreview] = useState<{ for: string; value?: TransferPreviewView; error?: ResolverError } | null>(
    null,
  );
  const [view, setView] = useState<JobView | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<TransferView | null>(null);
  const [renamed, setRenamed] = useState<string | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const fromId = useId();
  const toId = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const people = usePeople([from, to]);
  const pair = `${from.trim().toLowerCase()}→${to.trim().toLowerCase()}`;
  const ready = EMAIL.test(from.trim()) && EMAIL.test(to.trim()) && from.trim() !== to.trim();

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => {
      void api.previewTransfer({ from: from.trim(), to: to.trim() }).then((answer) => {
        if (!mounted.current) return;
        setPreview(answer.ok ? { for: pair, value: answer.value } : { for: pair, error: answer.error });
      });
    }, PREVIEW_PAUSE_MS);
    return () => clearTimeout(timer);
    // `pair` is `from` and `to`, normalised: one preview per pair of people.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pair, ready]);

  const shown = (preview?.for === pair && preview.value) || null;
  const previewError = (preview?.for === pair && preview.error) || null;
  const naming = record && EMAIL.test(from.trim()) ? fieldsNaming(record, from) : [];
  const fromName = people.nameOf(from.trim());
  const toName = people.nameOf(to.trim());

  const choose = (set: (value: string) => void, value: string) => {
    set(value);
    setResult(null);
    setError(null);
  };

  const transfer = async () => {
    setRunning(true);
    setResult(null);
    setRenamed(null);
    setError(null);
    const request = { from: from.trim(), to: to.trim() };
    const answer = await settle<TransferView>(await api.transferOwner(request), setView, () => mounted.current);
    if (!mounted.current || !answer) return;
    setRunning(false);
    setView(null);
    setPreview(null);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error);
    requestAnimationFrame(() => rescueFocus(resultRef.current));
  };
  const share = view?.progress.total ? view.progress.done / view.progress.total : null;
  const after = result && record ? fieldsNaming(record, result.from) : [];

  return (
    <section aria-labelledby="transfer-title">
      <h3 id="transfer-title">Reassign everything of one person to another</h3>
      <p className="subtle">
        Moves every open {ticket} of this record from the person leaving to the person taking over, each with a
        transition note. Done and descoped {ticket}s stay as they are.
      </p>
      <RecordPeopleProvider value={{ roles: record?.people ?? {}, contacts: [] }}>
        <form
          className="transfer-form"
          onSubmit={(event) => {
            event.preventDefault();
            void transfer();
          }}
        >
          <div className="field field-person">
            <label htmlFor={fromId}>From (the person leaving)</label>
            <OwnerCombobox input={{ id: fromId, value: from }} roles={false} onType={(v) => choose(setFrom, v)} />
          </div>
          <div className="field field-person">
            <label htmlFor={toId}>To (the person taking over)</label>
            <OwnerCombobox input={{ id: toId, value: to }} roles={false} onType={(v) => choose(setTo, v)} />
          </div>
          <Button type="submit" appearance="primary" disabled={running || !ready || !shown?.open.length}>
            {shown ? `Move ${counted(shown.open.length, `open ${ticket}`)}` : `Move open ${ticket}s`}
          </Button>
        </form>
      </RecordPeopleProvider>
      {/* After a run, what moved stands in for what would: the preview comes back with other people. */}
      {ready && !running && !result && (
        <div className="transfer-preview" aria-live="polite">
          {previewError ? (
            <ErrorMessage title="Nothing can be moved" error={previewError} />
          ) : !shown ? (
            <p aria-busy="true">
              Looking up the open {ticket}s of {fromName}…
            </p>
          ) : (
            <p>
              {shown.open.length === 0
                ? `${fromName} has no open ${ticket} of this record to move.`
                : `${counted(shown.open.length, `open ${ticket}`)} of ${fromName} will move to ${toName}: `}
              {shown.open.map((item, i) => (
                <span key={item.key}>
                  {i > 0 && ', '}
                  <IssueLink siteUrl={siteUrl} issueKey={item.key} itemId={item.itemId} />
                </span>
              ))}
              {shown.open.length > 0 && '.'}
            </p>
          )}
          <p>
            {naming.length === 0
              ? `The record does not name ${fromName} as an owner.`
              : `The record names ${fromName} in ${counted(naming.length, 'field')}: ` +
                `${naming.map((n) => n.label).join('; ')}.`}
          </p>
        </div>
      )}
      {running && (
        <div className="progress" aria-live="polite">
          <ProgressBar ariaLabel="Transfer progress" value={share ?? 0} isIndeterminate={share === null} />
          <p aria-busy="true">{view ? describeJob(view) : 'Starting…'}</p>
        </div>
      )}
      <div ref={resultRef} tabIndex={-1} className="transfer-result">
        {error && <ErrorMessage title={`The ${ticket}s were not moved`} error={error} />}
        {result && (
          <Message kind={result.failed.length ? 'warning' : 'success'} title="Reassigned">
            <p>
              {counted(result.moved.length, `open ${ticket}`)} moved from {people.nameOf(result.from)} to{' '}
              {people.nameOf(result.to)}
              {result.moved.length > 0 && ': '}
              {result.moved.map((item, i) => (
                <span key={item.key}>
                  {i > 0 && ', '}
                  <IssueLink siteUrl={siteUrl} issueKey={item.key} itemId={item.itemId} />
                </span>
              ))}
              {result.failed.length ? `; ${result.failed.length} failed — run it again to retry them` : ''}.
            </p>
            {renamed ? (
              <p>{renamed}</p>
            ) : (
              after.length > 0 && (
                <>
                  <p>
                    The record still names {people.nameOf(result.from)} in {counted(after.length, 'field')}:{' '}
                    {after.map((n) => n.label).join('; ')}. Moving {ticket}s does not change the record.
                  </p>
                  <Button
                    onClick={() => {
                      onRename(
                        after.map((n) => n.segments),
                        result.to,
                      );
                      setRenamed(
                        `The draft now names ${people.nameOf(result.to)} in those fields. ` +
                          'Propose the change (or save, before provisioning) to update the record.',
                      );
                      requestAnimationFrame(() => rescueFocus(resultRef.current));
                    }}
                  >
                    Name {people.nameOf(result.to)} there instead
                  </Button>
                </>
              )
            )}
          </Message>
        )}
      </div>
    </section>
  );
}
