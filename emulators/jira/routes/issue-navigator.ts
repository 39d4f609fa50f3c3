import { Hono } from 'hono';
import { html } from 'hono/html';
import type { JiraEnv } from '../context';
import { JiraError } from '../jira-error';
import { findIssues } from '../jql/find-issues';
import { parseJql } from '../jql/parser';
import { issueFacts, page } from './page-layout';

export const issueNavigatorRoutes = new Hono<JiraEnv>();

/** Issues a page lists at most, as Jira's issue navigator pages its results. */
const SHOWN = 500;
const counted = (n: number) => `${n === 1 ? '1 issue' : `${n} issues`}${n > SHOWN ? `, the first ${SHOWN} shown` : ''}`;

/**
 * GET /issues/?jql=… — Jira's issue search page, where the panel's "Open them in Jira" leads:
 * what the query finds, as the site's administrator sees it, through the same index as the
 * REST search (so it lags as that does). A query Jira would refuse says why, as Jira's page does.
 */
issueNavigatorRoutes.get('/issues/', (c) => {
  const { site } = c.var;
  const jql = c.req.query('jql') ?? '';
  const admin = site.users.find((u) => u.siteAdmin) ?? site.users[0];
  const title = `Issues: ${jql}`;
  if (!admin) return c.html(page(title, html`<p>This site has no users.</p>`), 500);
  try {
    const found = findIssues(parseJql(jql), {
      site,
      actor: admin,
      indexes: c.var.indexes,
      indexedBefore: c.var.clock.now() - c.var.faults.searchLagMs,
    });
    return c.html(
      page(
        title,
        html`<h1>Search</h1>
          <p><code>${jql}</code></p>
          <p>
          <p>${counted(found.length)}</p>
          </p>
          <table>
            <thead>
              <tr>
                <th>Key</th>
                <th>Type</th>
                <th>Summary</th>
                <th>Status</th>
                <th>Assignee</th>
                <th>Due</th>
              </tr>
            </thead>
            <tbody>
              ${found.slice(0, SHOWN).map((issue) => {
                const { type, status, assignee } = issueFacts(site, issue);
                return html`<tr>
                  <td><a href="/browse/${issue.key}">${issue.key}</a></td>
                  <td>${type}</td>
                  <td>${issue.summary}</td>
                  <td>${status}</td>
                  <td>${assignee}</td>
                  <td>${issue.duedate ?? ''}</td>
                </tr>`;
              })}
            </tbody>
          </table>`,
      ),
    );
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    return c.html(
      page(
        title,
        html`<h1>Search</h1>
          <p>${saidBy(error)}</p>`,
      ),
      400,
    );
  }
});

/** The sentences Jira's refusal carries (its `errorMessages`). */
function saidBy(error: JiraError): string {
  const { body } = error;
  const messages = typeof body === 'object' && body !== null && 'errorMessages' in body ? body.errorMessages : [];
  return Array.isArray(messages) ? messages.join(' ') : '';
}
