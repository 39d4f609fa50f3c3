import { Ref, type View } from '../representation';

/**
 * StoryResponse: a comment, or a story Asana wrote about a change. StoryCompact is what
 * a task's story list returns.
 */
export const storyView: View = {
  resourceType: 'story',
  compact: ['gid', 'resource_type', 'created_at', 'created_by', 'resource_subtype', 'text'],
  optIn: [
    'html_text',
    'is_pinned',
    'is_editable',
    'is_edited',
    'hearted',
    'hearts',
    'num_hearts',
    'liked',
    'likes',
    'num_likes',
    'previews',
  ],
  fields(v, gid) {
    const story = v.state.stories.find((s) => s.gid === gid);
    if (!story) return undefined;
    const comment = story.resourceSubtype === 'comment_added';
    return {
      gid,
      resource_type: 'story',
      created_at: story.createdAt,
      created_by: new Ref('user', story.createdByGid),
      resource_subtype: story.resourceSubtype,
      text: story.text,
      type: comment ? 'comment' : 'system',
      ...(story.htmlText === null ? {} : { html_text: story.htmlText }),
      is_pinned: false,
      is_editable: comment,
      is_edited: false,
      hearted: false,
      hearts: [],
      num_hearts: 0,
      liked: false,
      likes: [],
      num_likes: 0,
      previews: [],
      source: 'api',
      target: new Ref('task', story.taskGid),
    };
  },
};
