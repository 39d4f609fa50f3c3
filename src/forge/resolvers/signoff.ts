import { validateRecord } from '../../domain/record/read-record';
import type { HandoffRecord } from '../../domain/record/record';
import { HandoffError } from '../errors';
import type { SignOffPayload } from './payloads';

type Signoffs = NonNullable<HandoffRecord['signoffs']>;

/**
 * The record with one sign-off set (replacing that role's earlier one), validated as a whole:
 * sales states there are no undocumented promises, operations that it received the handoff,
 * delivery that it is ready or what blocks it.
 */
export function withSignoff(record: HandoffRecord, payload: SignOffPayload, today: string): HandoffRecord {
  const { by } = payload;
  const signoffs: Signoffs = { ...record.signoffs };
  if (payload.role === 'sales') signoffs.sales = { by, at: today, statement: 'no-undocumented-promises' };
  else if (payload.role === 'operations') signoffs.operations = { by, at: today };
  else
    signoffs.delivery = {
      by,
      at: today,
      status: payload.status,
      ...(payload.blockers?.length ? { blockers: payload.blockers } : {}),
    };
  const result = validateRecord({ ...record, signoffs });
  if (!result.ok) throw new HandoffError('INVALID_RECORD', 'The sign-off does not fit the record.', result.problems);
  return result.value;
}

export function describeSignoff(payload: SignOffPayload): string {
  const state =
    payload.role === 'delivery'
      ? ` (${payload.status}${payload.blockers?.length ? `: ${payload.blockers.join('; ')}` : ''})`
      : '';
  return `${payload.role} signed off as ${payload.by}${state}`;
}
