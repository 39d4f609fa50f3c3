import { Hono } from 'hono';
import { badRequest } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findTask } from '../lookups';
import { readTextPair } from '../rich-text';
import { created, list } from '../responses';
import { dataOf, pathParam, viewerOf } from '../request';
import { asanaTime, nextGid } from '../state';

export const storyRoutes = new Hono<AsanaEnv>();

/** POST /tasks/{task_gid}/stories — a comment, `{ data: { text | html_text } }`; 201 with the story. */
storyRoutes.post('/tasks/:task_gid/stories', (c) => {
  const v = viewerOf(c);
  const task = findTask(v, pathParam(c, 'task_gid'));
  const comment = readTextPair(dataOf(c), 'text', 'html_text');
  if (!comment) throw badRequest('text: Missing input');
  const now = asanaTime(new Date(c.var.clock.now()));
  const gid = nextGid(v.state);
  v.state.stories.push({
    gid,
    taskGid: task.gid,
    createdByGid: v.actor.gid,
    createdAt: now,
    resourceSubtype: 'comment_added',
    text: comment.text,
    htmlText: comment.html,
  });
  task.modifiedAt = now; // a new story modifies its task, as Asana documents
  return created(c, 'story', gid, `/stories/${gid}`);
});

/** GET /tasks/{task_gid}/stories — comments and Asana's own stories, oldest first, compact. */
storyRoutes.get('/tasks/:task_gid/stories', (c) => {
  const task = findTask(viewerOf(c), pathParam(c, 'task_gid'));
  return list(
    c,
    'story',
    c.var.state.stories.filter((s) => s.taskGid === task.gid).map((s) => s.gid),
  );
});
