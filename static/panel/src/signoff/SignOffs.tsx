import { useState } from 'react';
import type { Problem } from '../../../../src/domain/problem';
import type { ResolverError } from '../../../../src/forge/errors';
import type { SignOffPayload } from '../../../../src/forge/resolvers/payloads';
import * as api from '../api';
import { isWithin } from '../field-path';
import type { RecordModel } from '../record/use-record';
import { useResolver } from '../use-resolver';
import { SignOffCard } from './SignOffCard';

type Props = { record: RecordModel; blockers: readonly Problem[]; onSigned(): void };

/**
 * Sales, operations and delivery sign off on the saved record (unsaved changes are saved
 * first, so what they sign is what the lead sees). Delivery signs ready, or blocked with reasons.
 */
export function SignOffs({ record, blockers, onSigned }: Props) {
  const [status, setStatus] = useState<'ready' | 'blocked'>(record.saved?.signoffs?.delivery?.status ?? 'ready');
  const [reasons, setReasons] = useState((record.saved?.signoffs?.delivery?.blockers ?? []).join('\n'));
  const saved = record.saved;
  // Who may sign follows the saved people: asked again whenever they change.
  const who = useResolver(api.whoAmI, JSON.stringify(saved?.people ?? null), saved !== null);
  const signerOf = (role: 'sales' | 'operations' | 'delivery') => who.value?.signers?.[role] ?? null;
  const unknownSigner = who.error
    ? `Who may sign could not be checked in Jira: ${who.error.message}`
    : 'Checking who may sign…';
  const disabledReason = saved
    ? record.problems.length > 0
      ? "Fix the record's problems first: sign-offs are saved with it."
      : null
    : 'Save a record first.';
  const blockersOf = (role: string) => blockers.filter((b) => isWithin(b.path, `signoffs.${role}`));

  const sign = async (payload: SignOffPayload): Promise<ResolverError | null> => {
    if (!(await record.ensureSaved()))
      return {
        code: 'INVALID_RECORD',
        message: 'Your unsaved changes could not be saved, so nothing was signed; see the problems above.',
      };
    const result = await api.signOff(payload);
    if (!result.ok) return result.error;
    record.applySignoffs(result.value.signoffs, result.value.history);
    onSigned();
    return null;
  };

  return (
    <div className="signoffs">
      <SignOffCard
        role="sales"
        title="Sales"
        statement="No undocumented promises remain: every commitment made while selling is in the record."
        current={saved?.signoffs?.sales}
        unknownSigner={unknownSigner}
        signer={signerOf('sales')}
        blockers={blockersOf('sales')}
        disabledReason={disabledReason}
        onSign={() => sign({ role: 'sales' })}
      />
      <SignOffCard
        role="operations"
        title="Operations"
        statement="Operations has received the handoff."
        current={saved?.signoffs?.operations}
        unknownSigner={unknownSigner}
        signer={signerOf('operations')}
        blockers={blockersOf('operations')}
        disabledReason={disabledReason}
        onSign={() => sign({ role: 'operations' })}
      />
      <SignOffCard
        role="delivery"
        title="Delivery"
        statement="Delivery is ready to start — or says what blocks it."
        current={saved?.signoffs?.delivery}
        unknownSigner={unknownSigner}
        signer={signerOf('delivery')}
        blockers={blockersOf('delivery')}
        disabledReason={disabledReason}
        onSign={() =>
          sign({
            role: 'delivery',
            status,
            ...(status === 'blocked'
              ? {
                  blockers: reasons
                    .split('\n')
                    .map((r) => r.trim())
                    .filter(Boolean),
                }
              : {}),
          })
        }
      >
        <fieldset className="delivery-status">
          <legend>Delivery is</legend>
          <label>
            <input
              type="radio"
              name="delivery-status"
              checked={status === 'ready'}
              onChange={() => setStatus('ready')}
            />{' '}
            Ready
          </label>
          <label>
            <input
              type="radio"
              name="delivery-status"
              checked={status === 'blocked'}
              onChange={() => setStatus('blocked')}
            />{' '}
            Blocked by…
          </label>
        </fieldset>
        {status === 'blocked' && (
          <div className="field">
            <label htmlFor="delivery-blockers">What blocks delivery (one per line)</label>
            <textarea id="delivery-blockers" rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          </div>
        )}
      </SignOffCard>
    </div>
  );
}
