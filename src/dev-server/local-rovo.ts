import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import type { PageUrl } from '../forge/automation/actions';
import type { ForgeDeps } from '../forge/deps';
import { createRovoActions } from '../forge/rovo/actions';
import { DEMO_PROJECT_KEY } from '../../emulators/jira/index';
import { citationsOf, standInPage, type StandInResult } from './local-stand-in-page';
import { fromThePage } from './same-page';

type Action = keyof ReturnType<typeof createRovoActions>;

/**
 * The agent's conversation starters (manifest `rovo:agent`) and "provision it", each routed to
 * the action and inputs prompts/handoff-agent.md sends it to, as the recorded questions
 * (test/forge/fixtures/rovo-questions.yaml) hold them; asked inside project DEL, so Rovo's
 * `context` names it and no `project` input is needed.
 */
const QUESTIONS: ReadonlyArray<{ question: string; action: Action; inputs: Record<string, string> }> = [
  { question: 'What did sales promise about SSO?', action: 'promises', inputs: { topic: 'SSO' } },
  { question: 'Is this handoff ready, and what blocks it?', action: 'readiness', inputs: {} },
  { question: 'Who owns the data import, and when is it due?', action: 'promises', inputs: { topic: 'import' } },
  { question: 'What changed since kickoff?', action: 'changes', inputs: {} },
  { question: 'Provision it.', action: 'provision', inputs: {} },
];

const ask = z.strictObject({
  question: z
    .number()
    .int()
    .min(0)
    .max(QUESTIONS.length - 1),
  confirmRecordId: z.string().min(1).max(200).optional(),
});

/**
 * Rovo, which cannot run here: the agent's questions as buttons. Each calls the app's real
 * action function (`rovoPromises`… in forge/index.ts) as Rovo invokes it — the inputs beside
 * Rovo's `context`, the person chatting (whoever the panel is viewed as) as the principal — and
 * shows the answer with what it cites. "Provision it" first answers what to confirm, as the
 * agent must ask; only "Yes" sends the record's id back, as the agent would after a yes.
 */
export function localRovo(options: { deps: ForgeDeps; pageUrl: PageUrl; chatting: () => string }) {
  const actions = createRovoActions(options.deps, options.pageUrl);
  const routes = new Hono();

  routes.get('/__local/rovo', (c) =>
    c.html(
      standInPage(
        'Handoff agent in Rovo',
        "Rovo runs in Atlassian's cloud; these are the agent's questions, each calling its action here.",
        html`<p>Chatting inside project ${DEMO_PROJECT_KEY}, as the person the panel is viewed as. Ask:</p>
          ${QUESTIONS.map(
            ({ question }, index) =>
              html`<button type="button" data-post="/__local/rovo/ask" data-question="${index}">${question}</button>`,
          )}`,
      ),
    ),
  );

  routes.post('/__local/rovo/ask', async (c) => {
    if (!fromThePage(c)) return c.json({ message: 'the agent answers only its own page, with a JSON body' }, 403);
    const request = ask.safeParse(await c.req.json().catch(() => undefined));
    if (!request.success) return c.json({ message: 'expected { question: its number, confirmRecordId? }' }, 400);
    const asked = QUESTIONS[request.data.question];
    if (!asked) return c.json({ message: 'no such question' }, 400);
    const { question, action, inputs } = asked;
    const payload = {
      ...inputs,
      ...(request.data.confirmRecordId ? { confirmRecordId: request.data.confirmRecordId } : {}),
      context: { jira: { projectKey: DEMO_PROJECT_KEY } },
    };
    const answer: unknown = await actions[action](payload, { principal: { accountId: options.chatting() } });
    const result: StandInResult = {
      heading: `${question} → action ${action}`,
      values: Object.entries(payload)
        .filter(([name]) => name !== 'context')
        .map(([name, value]): [string, string] => [`input ${name}`, String(value)])
        .concat(said(answer)),
      citations: citationsOf(answer),
      answer,
      ...(action === 'provision' ? confirmation(answer) : {}),
    };
    return c.json(result);
  });
  return routes;
}

const needsYes = z.object({
  needsConfirmation: z.string(),
  handoff: z.object({ recordId: z.string(), title: z.string() }),
});

/** The question the agent asks before provisioning, when the provision action answered that it needs a yes. */
function confirmation(answer: unknown): Pick<StandInResult, 'confirm'> {
  const asked = needsYes.safeParse(answer);
  if (!asked.success) return {};
  const { recordId, title } = asked.data.handoff;
  return { confirm: { prompt: `Provision “${title}” (${recordId}) in ${DEMO_PROJECT_KEY}?`, recordId } };
}

/** The sentences an action answers beside its facts (nothing found, not yet, no record, a refusal), as they are. */
const SAID = ['nothingFound', 'needsConfirmation', 'notYet', 'busy', 'noRecord', 'error', 'note'] as const;
function said(answer: unknown): Array<[string, string]> {
  if (typeof answer !== 'object' || answer === null) return [];
  const entries = new Map(Object.entries(answer));
  return SAID.flatMap((key): Array<[string, string]> => {
    const value: unknown = entries.get(key);
    return typeof value === 'string' ? [[key, value]] : [];
  });
}
