import { describe, expect, it } from 'vitest';
import { jiraPath, UnsafePathError } from '../../../src/trackers/jira/jira-path';

describe('jiraPath', () => {
  it('encodes every interpolated value, like route from @forge/api', () => {
    expect(jiraPath`/rest/api/3/issue/${'DEL-1'}/properties/${'handoff'}`.text).toBe(
      '/rest/api/3/issue/DEL-1/properties/handoff',
    );
    expect(jiraPath`/rest/api/3/user/search?query=${'a+b@x.example'}`.text).toBe(
      '/rest/api/3/user/search?query=a%2Bb%40x.example',
    );
    expect(jiraPath`/rest/api/3/project/${'DEL/../../admin'}`.text).toBe('/rest/api/3/project/DEL%2F..%2F..%2Fadmin');
    expect(jiraPath`/rest/api/3/project/${'DEL?x=1#y'}`.text).toBe('/rest/api/3/project/DEL%3Fx%3D1%23y');
  });

  it.each(['..', '.', ''])('refuses the segment "%s" before any request', (value) => {
    expect(() => jiraPath`/rest/api/3/issue/${value}`).toThrow(UnsafePathError);
  });

  it('keeps the pieces so Forge can rebuild the path with its own route', () => {
    const path = jiraPath`/rest/api/3/issue/${'DEL-1'}?fields=${'summary'}`;
    expect(path.strings).toEqual(['/rest/api/3/issue/', '?fields=', '']);
    expect(path.values).toEqual(['DEL-1', 'summary']);
  });
});
