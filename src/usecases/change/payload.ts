import { gunzipSync, gzipSync } from 'node:zlib';
import { changePayloadSchema, type ChangePayload } from '../../provision/change-types';

/**
 * Characters per stored part: a Jira entity property holds at most 32 KB of JSON and Asana's
 * external data 32,768 characters, so a part and its wrapping stay under both. A typical
 * record compresses to one part; a record of thousands of items takes a few.
 */
export const PAYLOAD_PART_CHARS = 30_000;

/** The change set and the proposed record, compressed and cut into parts a tracker can hold. */
export function encodePayload(payload: ChangePayload): string[] {
  const packed = gzipSync(JSON.stringify(payload)).toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < packed.length; i += PAYLOAD_PART_CHARS) parts.push(packed.slice(i, i + PAYLOAD_PART_CHARS));
  return parts;
}

/** The payload back from its parts, or null when a part is missing or was edited. */
export function decodePayload(parts: readonly string[]): ChangePayload | null {
  try {
    const parsed = changePayloadSchema.safeParse(
      JSON.parse(gunzipSync(Buffer.from(parts.join(''), 'base64')).toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
