import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specFile } from '../../emulators/common/repo-paths';

/** The vendored documents are the ones emulators/specs/README.md names, byte for byte. */
const readme = readFileSync(specFile('README.md'), 'utf8');
const rows = [...readme.matchAll(/^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/gm)].map(([, file, sha]) => ({
  file,
  sha,
}));

describe('emulators/specs', () => {
  it('lists both official documents', () => {
    expect(rows.map((row) => row.file).sort()).toEqual(['asana.v1.yaml', 'jira-platform.v3.json']);
  });

  it.each(rows)('$file matches the checksum in the README', ({ file, sha }) => {
    expect(
      createHash('sha256')
        .update(readFileSync(specFile(file ?? '')))
        .digest('hex'),
    ).toBe(sha);
  });
});
