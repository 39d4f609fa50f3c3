import { createHmac } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHookSecrets } from '../../../src/asana-app/webhooks/hook-secrets';
import { HANDSHAKE_WINDOW_MS } from '../../../src/trackers/asana/asana-webhooks';
import { signedBy } from '../../../src/trackers/asana/asana-hook-signature';

describe('X-Hook-Signature: HMAC-SHA256 of the raw body under the webhook secret', () => {
  const body = '{"events":[]}';
  const sign = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

  it('accepts the signature of this body under this secret only', () => {
    expect(signedBy('s3cret', body, sign('s3cret', body))).toBe(true);
    expect(signedBy('s3cret', body, sign('s3cret', body).toUpperCase())).toBe(true);
    expect(signedBy('s3cret', `${body} `, sign('s3cret', body))).toBe(false);
    expect(signedBy('other', body, sign('s3cret', body))).toBe(false);
  });

  it('refuses a missing, short or non-hex header without throwing', () => {
    for (const header of [undefined, '', 'abc', 'z'.repeat(64), sign('s3cret', body).slice(2)])
      expect(signedBy('s3cret', body, header)).toBe(false);
  });
});

describe('webhook secrets: kept only for a handshake a registration awaits', () => {
  const fresh = () => {
    let now = 1_000_000;
    const dir = mkdtempSync(join(tmpdir(), 'hook-secrets-'));
    return { dir, secrets: fileHookSecrets(dir, () => now), later: (ms: number) => (now += ms) };
  };

  it('keeps the first secret for an awaited id, in a file only its owner reads; never a second one', () => {
    const { dir, secrets } = fresh();
    expect(secrets.accept('abc', 'planted')).toBe(false);
    expect(secrets.secretOf('abc')).toBeUndefined();
    secrets.expect('abc', '1200');
    expect(secrets.accept('abc', 'first')).toBe(true);
    expect(secrets.accept('abc', 'second')).toBe(false);
    expect(secrets.secretOf('abc')).toBe('first');
    expect(statSync(join(dir, 'asana-webhooks.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a handshake that comes after the registration stopped waiting', () => {
    const { secrets, later } = fresh();
    secrets.expect('late', '1200');
    later(HANDSHAKE_WINDOW_MS + 1);
    expect(secrets.accept('late', 'secret')).toBe(false);
    expect(secrets.secretOf('late')).toBeUndefined();
  });
});
