import { Button } from '../ui/Button';
import ProgressBar from '@atlaskit/progress-bar';
import { useEffect, useId, useRef, useState } from 'react';
import type { TransferView } from '../../../../src/forge/resolvers/change-resolvers';
import type { ResolverError } from '../../../../src/forge/errors';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import * as api from '../api';
import { describeJob, settle } from '../jobs/job-client';
import { ErrorMessage, Message } from '../ui/Message';
import { counted } from '../../../../src/domain/words';

/**
 * "Someone leaves": every open ticket of the record assigned to one person moves to another,
 * with the transition note. It runs in the background (one Jira request per ticket); the
 * panel shows how many have moved and, at the end, what moved and what failed.
 */
export function TransferOwner() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [view, setView] = useState<JobView | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<TransferView | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const fromId = useId();
  const toId = useId();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const transfer = async () => {
    setRunning(true);
    setResult(null);
    setError(null);
    const answer = await settle<TransferView>(await api.transferOwner({ from, to }), setView, () => mounted.current);
    if (!mounted.current || !answer) return;
    setRunning(false);
    setView(null);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error);
  };
  const share = view?.progress.total ? view.progress.done / view.progress.total : null;

  return (
    <section aria-labelledby="transfer-title">
      <h3 id="transfer-title">Transfer an owner's open tickets</h3>
      <form
        className="transfer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void transfer();
        }}
      >
        <div className="field">
          <label htmlFor={fromId}>From (e-mail of the person leaving)</label>
          <input id={fromId} type="email" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={toId}>To (e-mail of the person taking over)</label>
          <input id={toId} type="email" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <Button type="submit" disabled={running || !from.includes('@') || !to.includes('@')}>
          Move open tickets
        </Button>
      </form>
      {running && (
        <div className="progress" aria-live="polite">
          <ProgressBar ariaLabel="Transfer progress" value={share ?? 0} isIndeterminate={share === null} />
          <p aria-busy="true">{view ? describeJob(view) : 'Starting…'}</p>
        </div>
      )}
      {error && <ErrorMessage title="The tickets were not moved" error={error} />}
      {result && (
        <Message kind={result.failed.length ? 'warning' : 'success'} title="Transfer finished">
          <p>
            {counted(result.moved.length, 'open ticket')} moved from {result.from} to {result.to}
            {result.failed.length ? `; ${result.failed.length} failed — run it again to retry them` : ''}.
          </p>
        </Message>
      )}
    </section>
  );
}
