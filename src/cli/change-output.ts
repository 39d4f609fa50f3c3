import type { PlanTarget } from '../domain/plan/plan';
import { renderChange } from '../domain/change/change-render';
import { toMarkdown } from '../domain/rich-text';
import type { TwoWayCoverage } from '../domain/change/tracker-coverage';
import type { ApplyChangeReport } from '../usecases/change/apply';
import type { ChangeHistory } from '../usecases/change/history';
import type { ProposeResult } from '../usecases/change/propose';
import type { TransferResult } from '../usecases/transfer-owner';
import { counted, ticketNoun } from '../domain/words';

/** How change control reads in a terminal: a line per ticket, a closing count, Markdown for the change itself. */

export function formatProposal(result: Exclude<ProposeResult, { kind: 'refused' }>, tracker: PlanTarget): string {
  if (result.kind === 'unchanged') return 'nothing to propose: the two records are the same';
  const head =
    result.kind === 'proposed'
      ? `proposed ${result.key}  ${result.url}`
      : `already proposed and open: ${result.key}  ${result.url}`;
  const body = toMarkdown(
    renderChange(result.change, { proposedBy: 'you', approvalOwner: 'the approval owner', tracker }),
  );
  return [
    head,
    '',
    body,
    `Nothing changes until it is approved; then \`handoff change apply ${result.key}\`. ` +
      `(${counted(result.calls, 'request')})`,
  ].join('\n');
}

export function formatApplied(report: ApplyChangeReport, url: (key: string) => string): string {
  const line = (what: string, list: Array<{ itemId: string; key: string }>) =>
    list.map((i) => `${what.padEnd(9)} ${i.key.padEnd(10)} ${i.itemId}  ${url(i.key)}`);
  return [
    ...line('created', report.provision.created),
    ...line('updated', report.updated),
    ...line('descoped', report.descoped),
    ...report.failed.map((f) => `failed    ${''.padEnd(10)} ${f.itemId}: ${f.error}`),
    `${report.key}: ${report.provision.created.length} created, ${report.updated.length} ` +
      `updated, ${report.descoped.length} descoped, ${counted(report.linksRemoved, 'link')} ` +
      `removed, ${report.failed.length} failed; ${counted(report.calls, 'request')}`,
    ...(report.failed.length
      ? []
      : [`the proposed record is now the truth: keep it as the record file (${report.record.id})`]),
  ].join('\n');
}

export function formatHistory(history: ChangeHistory): string {
  if (!history.events.length) return `${history.recordId}: no change has been proposed`;
  return [
    ...history.events.map(
      (e) =>
        `${e.at.slice(0, 16).replace('T', ' ')}  ${e.action.padEnd(8)} ` +
        ` ${e.key.padEnd(10)}  ${e.by}${e.reason ? ` — ${e.reason}` : ''}`,
    ),
    '',
    ...history.changes.map((c) => `${c.key.padEnd(10)}  ${c.status.padEnd(8)}  ${c.summary}  ${c.url}`),
  ].join('\n');
}

export function formatCoverage(coverage: TwoWayCoverage): string {
  const promises = coverage.promises.map((p) => {
    const where =
      p.status === 'excluded'
        ? `excluded: ${p.reason}`
        : p.ticket
          ? `${p.status}, ticket ${p.ticket}`
          : `${p.status}, NO TICKET`;
    return `  ${p.title}: ${where}`;
  });
  return [
    `${coverage.recordId}: coverage ${coverage.complete ? 'complete' : 'INCOMPLETE'}`,
    'Promises:',
    ...(promises.length ? promises : ['  (none)']),
    'Planned items without a ticket:',
    ...(coverage.withoutTicket.length
      ? coverage.withoutTicket.map((i) => `  ${i.summary} (${i.itemId})`)
      : ['  (none)']),
    'Tickets without a promise:',
    ...(coverage.withoutPromise.length
      ? coverage.withoutPromise.map(
          (t) => `  ${t.key} ${t.itemId}${t.descoped ? ' (descoped by a change: expected)' : ''}`,
        )
      : ['  (none)']),
    'Exclusions:',
    ...(coverage.exclusions.length ? coverage.exclusions.map((e) => `  ${e.title}: ${e.reason}`) : ['  (none)']),
  ].join('\n');
}

export function formatTransfer(
  result: Extract<TransferResult, { kind: 'transferred' }>,
  url: (key: string) => string,
  target: PlanTarget,
): string {
  return [
    ...result.moved.map((m) => `moved     ${m.key.padEnd(10)} ${m.itemId}  ${url(m.key)}`),
    ...result.failed.map((f) => `failed    ${''.padEnd(10)} ${f.itemId}: ${f.error}`),
    `${counted(result.moved.length, `open ${ticketNoun(target)}`)} moved from ${result.from} to ${result.to}, each ` +
      `with the transition note; ${result.failed.length} failed; ${counted(result.calls, 'request')}`,
  ].join('\n');
}
