import { describe, expect, it } from 'vitest';
import { diffRecords } from '../../src/domain/change/diff';
import { decodePayload, encodePayload, PAYLOAD_PART_CHARS } from '../../src/usecases/change/payload';
import { aPromise, aRecord, parse } from '../builders/record';

const base = parse(aRecord());
const many = (n: number) =>
  parse(
    aRecord({
      promises: [
        aPromise(),
        ...Array.from({ length: n }, (_, i) =>
          aPromise({ id: `p${i}`, title: `Promise number ${i} with a longer title ${'x'.repeat(i % 40)}` }),
        ),
      ],
    }),
  );

describe('change payload', () => {
  it('round-trips the change and the proposed record in one part for a typical record', () => {
    const proposed = many(3);
    const payload = { change: diffRecords(base, proposed, { target: 'jira' }), proposed };
    const parts = encodePayload(payload);
    expect(parts).toHaveLength(1);
    expect(decodePayload(parts)).toEqual(JSON.parse(JSON.stringify(payload)));
  });

  it('cuts a large record into parts a Jira property and Asana external data can hold', () => {
    const proposed = many(3000);
    const parts = encodePayload({
      change: diffRecords(base, proposed, { target: 'jira' }),
      proposed,
    });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(PAYLOAD_PART_CHARS);
    expect(decodePayload(parts)?.change.added).toHaveLength(3000);
  });

  it('reads an edited or missing part as nothing, never as a wrong change', () => {
    const proposed = many(2);
    const [part = ''] = encodePayload({
      change: diffRecords(base, proposed, { target: 'jira' }),
      proposed,
    });
    expect(decodePayload([`${part.slice(0, 40)}AAAA${part.slice(44)}`])).toBeNull();
    expect(decodePayload([])).toBeNull();
    expect(decodePayload([Buffer.from('{"change":{}}').toString('base64')])).toBeNull();
  });
});
