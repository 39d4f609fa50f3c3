import { Hono } from 'hono';
import type { JiraEnv } from '../context';
import { findUser } from '../lookups';

export const avatarRoutes = new Hono<JiraEnv>();

/** Jira's default avatars come in a handful of colours; the local ones pick theirs by account. */
const COLOURS = ['#1d7afc', '#22a06b', '#e56910', '#8f7ee7', '#c9372c', '#1f845a'];

/**
 * GET /secure/useravatar?size=&ownerId= — the picture a user's `avatarUrls` point at
 * (render-user.ts). Jira Cloud serves a person's uploaded picture or a default one with their
 * initials; the local site always draws the initials, as an SVG. Served without a login, as
 * an `<img>` of another origin asks for it.
 */
avatarRoutes.get('/secure/useravatar', (c) => {
  const user = findUser(c.var.site, c.req.query('ownerId') ?? '');
  const size = Number.parseInt(c.req.query('size') ?? '48', 10) || 48;
  const initials = (user?.displayName ?? '?')
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
    .replace(/[^A-Z0-9?]/g, '');
  const sum = [...(user?.accountId ?? '')].reduce((n, ch) => n + ch.charCodeAt(0), 0);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 48 48">` +
    `<circle cx="24" cy="24" r="24" fill="${COLOURS[sum % COLOURS.length]}"/>` +
    `<text x="24" y="30" text-anchor="middle" font-family="sans-serif" font-size="18" font-weight="600" ` +
    `fill="#fff">${initials}</text></svg>`;
  return c.body(svg, user ? 200 : 404, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
});
