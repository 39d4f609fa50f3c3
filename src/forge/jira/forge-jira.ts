import type { APIResponse, RequestInit, Route } from '@forge/api';
import type { JiraRequest } from '../../trackers/jira/jira-request';

/** `requestJira` of `api.asUser()` or `api.asApp()`. */
export type ForgeRequestJira = (url: Route, init?: RequestInit) => Promise<APIResponse>;
/** `route` from `@forge/api`: the only way Forge accepts a product path. */
export type RouteTag = (template: TemplateStringsArray, ...values: string[]) => Route;

/**
 * The adapter's one request function, over Forge's `requestJira`. The adapter builds paths
 * with `jiraPath`, which keeps the template's pieces, so the path is rebuilt here with the real
 * `route` — Forge then applies its own path checks (no `..`, `/`, `?` or `#` in a value).
 */
export function jiraRequestVia(requestJira: ForgeRequestJira, route: RouteTag): JiraRequest {
  return (path, init) => requestJira(route(templateOf(path.strings), ...path.values), init);
}

/** A TemplateStringsArray rebuilt from its pieces (`route` reads the cooked strings). */
function templateOf(strings: readonly string[]): TemplateStringsArray {
  return Object.assign([...strings], { raw: [...strings] });
}
