import { cliLedgers } from '../file-ledger';
import type { Command } from 'commander';
import { applyChange, fullyApplied } from '../../usecases/change/apply';
import { approveChange, rejectChange } from '../../usecases/change/decide';
import { proposeChange } from '../../usecases/change/propose';
import type { RetryPolicy } from '../../provision/retry';
import { formatApplied, formatProposal } from '../change-output';
import { CliExit, EXIT } from '../exit-codes';
import { printJson, type CliIo } from '../io';
import { loadRecord } from '../record-file';
import { targetOptions, withTarget, type TargetOptions } from '../targets/open-target';
import { localToday, parseToday } from '../today';
import { JIRA_ISSUE_KEY, projectOfIssueKey } from '../../domain/record/jira-keys';
import type { ChangeSeals } from '../../usecases/change/seal';
import { cliChangeSeals } from '../approval-key';
import { recordRun } from '../provision-lock';
import { counted } from '../../domain/words';

type Common = Partial<TargetOptions> & { json?: boolean; today?: string };

const options = (
  policy: RetryPolicy,
  seals: ChangeSeals,
  t?: { target: string; place: { site: string; where: string } },
) => ({
  policy,
  now: () => new Date().toISOString(),
  seals,
  ...(t ? { ledger: cliLedgers(t.target, t.place) } : {}),
});

/**
 * `handoff change propose|approve|apply|reject`: scope changes after kickoff go through a
 * change-request ticket. Everything lives in the tracker, so a change proposed here can be
 * approved in Jira or Asana, and applied from another machine.
 */
export function changeCommand(program: Command, io: CliIo): void {
  const change = program
    .command('change')
    .description('propose, approve, apply or reject a change to a provisioned record');

  targetOptions(change.command('propose'))
    .description(
      'open a change request for the difference between the record as provisioned (OLD) and NEW; nothing changes yet',
    )
    .argument('<old>', 'the record as it was provisioned (or as the last applied change left it)')
    .argument('<new>', 'the record as it should be')
    .option('--today <date>', 'plan as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', 'the outcome and the change set as JSON')
    .action(async (oldFile: string, newFile: string, opts: Common & TargetOptions) => {
      const base = await loadRecord(oldFile, io, Boolean(opts.json));
      const proposed = await loadRecord(newFile, io, Boolean(opts.json));
      const seals = cliChangeSeals('propose');
      const result = await withTarget(io, opts, (t) =>
        proposeChange(
          t.tracker,
          { base, proposed, target: opts.target, today: opts.today ?? localToday() },
          options(t.policy, seals, { target: opts.target, place: t }),
        ),
      );
      if (opts.json) printJson(io, result);
      else if (result.kind !== 'refused') io.out(formatProposal(result, opts.target));
      if (result.kind === 'refused') throw new CliExit(EXIT.invalid, `handoff: nothing was proposed: ${result.reason}`);
    });

  decision(
    change.command('approve'),
    'approve a change request as its approval owner (the one the tracker knows you as)',
  ).action(async (id: string, opts: Common) => {
    const target = targetOf(id, opts);
    const seals = cliChangeSeals('approve');
    const result = await withTarget(io, target, (t) => approveChange(t.tracker, id, options(t.policy, seals)));
    if (opts.json) printJson(io, result);
    if (result.kind === 'refused') throw new CliExit(EXIT.invalid, `handoff: ${result.reason}`);
    if (!opts.json) io.out(`approved ${id} as ${result.by.name}; apply it with \`handoff change apply ${id}\``);
  });

  decision(
    change.command('apply'),
    'apply an approved change: create, update and descope tickets (never delete); safe to run again',
  )
    .option('--today <date>', 'plan as of this date (YYYY-MM-DD)', parseToday)
    .action(async (id: string, opts: Common) => {
      const { target } = targetOf(id, opts);
      const seals = cliChangeSeals('apply');
      const result = await withTarget(io, targetOf(id, opts), async (t) => {
        const run = recordRun(t.tracker, `${target} ${t.where}`, io);
        const apply = () =>
          applyChange(run.tracker, id, {
            ...options(t.policy, seals, { target, place: t }),
            today: opts.today ?? localToday(),
          });
        // The record is known once the change request is read: one request more, and apply reads it again
        // under the claim. Not a change request, or one already applied: apply says so, no claim needed.
        const request = await t.tracker.readChangeRequest(id);
        const r = await (request && request.state.outcome?.kind !== 'applied'
          ? run.hold(request.state.recordId, apply)
          : apply());
        return { r, url: t.tracker.itemUrl };
      });
      const { r } = result;
      if (opts.json) printJson(io, r);
      else if (r.kind === 'applied') io.out(formatApplied(r, result.url));
      else if (r.kind === 'already-applied')
        io.out(`${id} was already applied by ${r.by} on ${r.at.slice(0, 10)}; nothing to do`);
      if (r.kind === 'not-approved') throw new CliExit(EXIT.notYet, `handoff: ${r.reason}`);
      if (r.kind === 'refused') throw new CliExit(EXIT.invalid, `handoff: nothing was applied: ${r.reason}`);
      if (r.kind === 'applied' && !fullyApplied(r)) {
        throw new CliExit(
          EXIT.invalid,
          `${counted(r.failed.length + r.provision.links.failed.length, 'change')} failed; fix the cause ` +
            `and run again — what went through is kept, and ${id} stays approved until everything has`,
        );
      }
    });

  decision(change.command('reject'), 'reject a change request as its approval owner, saying why')
    .requiredOption('--reason <text>', 'why: kept on the change request and said in a comment')
    .action(async (id: string, opts: Common & { reason: string }) => {
      const target = targetOf(id, opts);
      const seals = cliChangeSeals('reject');
      const result = await withTarget(io, target, (t) =>
        rejectChange(t.tracker, id, opts.reason, options(t.policy, seals)),
      );
      if (opts.json) printJson(io, result);
      if (result.kind === 'refused') throw new CliExit(EXIT.invalid, `handoff: ${result.reason}`);
      if (!opts.json) io.out(`rejected ${id}: ${opts.reason}`);
    });
}

/** A subcommand that names one change request by its key (Jira) or gid (Asana). */
function decision(command: Command, description: string): Command {
  return targetOptions(command, false)
    .description(description)
    .argument('<id>', 'the change request: its Jira key (DEL-12) or Asana task gid')
    .option('--json', 'the outcome as JSON');
}

/** The tracker a change request is in: `--target`, or told by its id (a Jira key names its project too). */
function targetOf(id: string, opts: Common): TargetOptions {
  const jiraKey = JIRA_ISSUE_KEY.test(id);
  const target = opts.target ?? (jiraKey ? 'jira' : /^\d+$/.test(id) ? 'asana' : undefined);
  if (!target)
    throw new CliExit(EXIT.usage, `${id} is neither a Jira issue key (DEL-12) nor an Asana task gid: pass --target`);
  // With --target the id is still checked: `../x`, `DEL-1?x` or `..` never reach a request path.
  if (target === 'jira' ? !jiraKey : !/^\d+$/.test(id))
    throw new CliExit(
      EXIT.usage,
      `${JSON.stringify(id.slice(0, 40))} is not ` +
        `${target === 'jira' ? 'a Jira issue key (DEL-12)' : 'an Asana task gid'}`,
    );
  return {
    ...opts,
    target,
    project: opts.project ?? (target === 'jira' && jiraKey ? projectOfIssueKey(id) : undefined),
  };
}
