import { ApiNotFound, TrackerError } from '../provision/tracker-error';
import { trackerName } from '../domain/words';
import { CliExit, EXIT } from './exit-codes';
import type { TargetSettings } from './targets/target-settings';

/** What a refused operation was trying to do, for "lacks permission to …". */
const DOING: [RegExp, string][] = [
  [/^POST \/rest\/api\/3\/issue(\/bulk)?$/, 'create issues'],
  [/^POST \/rest\/api\/3\/issue\/.+\/transitions$/, 'transition issues'],
  [/^POST \/rest\/api\/3\/issue\/.+\/comment$/, 'add comments'],
  [/^POST \/rest\/api\/3\/issueLink$/, 'link issues'],
  [/^(PUT|POST) \/rest\/api\/3\/issue\//, 'edit issues'],
  [/^POST \/(tasks|batch)/, 'create or change tasks'],
  [/^(PUT|POST) \/(tasks|projects|sections)/, 'change tasks and projects'],
];

/**
 * A tracker's refusal or silence as a sentence that names what to fix, for a command that
 * reached it through `settings`; null for anything else (left to main()). Never echoes a
 * credential: the settings hold none, and TrackerError messages carry only the tracker's words.
 */
export function explainFailure(error: unknown, settings: TargetSettings): CliExit | null {
  const name = trackerName(settings.tracker);
  const check = (setting: string | undefined, hint: string) => (setting ? `; check ${setting}${hint}` : '');
  if (error instanceof ApiNotFound)
    return new CliExit(
      EXIT.invalid,
      `handoff: ${name} has no API at ${settings.url} (404 on ${error.operation})` +
        check(settings.urlSetting, settings.tracker === 'jira' ? JIRA_URL_HINT : ASANA_URL_HINT),
      { kind: 'api-not-found', ...setting(settings.urlSetting) },
    );
  if (!(error instanceof TrackerError)) return null;
  const what = `(${error.status} on ${error.operation}): ${error.detail}`;
  if (error.status === null)
    return new CliExit(
      EXIT.invalid,
      `handoff: cannot reach ${name} at ${settings.url}: ${error.detail}` +
        check(settings.urlSetting, ' and the network'),
      { kind: 'unreachable', ...setting(settings.urlSetting) },
    );
  if (error.status === 401) {
    const inSettings = settings.credentialSettings ? ` in ${settings.credentialSettings}` : '';
    return new CliExit(
      EXIT.invalid,
      `handoff: ${name} refused the credentials${inSettings} ${what}` +
        (settings.tracker === 'jira' ? ' — an API token from id.atlassian.com, with its account’s e-mail' : ''),
      { kind: 'credentials', ...setting(settings.credentialSettings) },
    );
  }
  if (error.status === 403) {
    const doing = DOING.find(([pattern]) => pattern.test(error.operation))?.[1] ?? 'do this';
    return new CliExit(
      EXIT.invalid,
      `handoff: ${settings.account} lacks permission to ${doing} in ${settings.where} ${what}; ` +
        `ask a ${name} admin for it, or use an account that has it`,
      { kind: 'permission', ...setting(settings.credentialSettings) },
    );
  }
  return new CliExit(EXIT.invalid, `handoff: ${name} answered ${error.status} on ${error.operation}: ${error.detail}`, {
    kind: 'tracker',
  });
}

const JIRA_URL_HINT = ': the site, https://<site>.atlassian.net, with no path';
const ASANA_URL_HINT = ': https://app.asana.com/api/1.0 for Asana itself';

function setting(name: string | undefined): { setting?: string } {
  return name ? { setting: name } : {};
}
