import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, observationBody, signWebhook } from '../lib/case-system-load.mjs';

describe('signWebhook', () => {
  it('signs as a Standard Webhooks sender does, so the app verifies it', () => {
    const secret = newWebhookSecret();
    const body = observationBody('ST10001', new Date('2026-01-01T10:00:00Z'));
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_bench_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, 'msg_bench_1', timestamp, body),
    };
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.equal(
      headers['webhook-signature'],
      new Webhook(secret).sign('msg_bench_1', new Date(timestamp * 1000), body),
    );
  });

  it('does not verify under another secret', () => {
    const body = observationBody('ST10001', new Date());
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_bench_2',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(newWebhookSecret(), 'msg_bench_2', timestamp, body),
    };
    assert.throws(() => new Webhook(newWebhookSecret()).verify(body, headers));
  });
});
