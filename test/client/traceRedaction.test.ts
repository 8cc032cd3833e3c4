import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactTrace } from '../../client/src/model/traceRedaction';

test('secrets, passwords, pasted values and session keys are masked in the protocol trace', () => {
  const sessionKey = 'q8w1e7r4t6y5u2i9o0p3a1s8k2v9x0h3';
  const params = {
    storeId: 'redis://127.0.0.1:6379/0', limit: 50, secrets: ['django-insecure-abc"def', 'fallback-key'],
    password: 'hunter2\\"x', key: sessionKey,
  };
  const trace = `[Trace] Sending request 'djangoSessions/sessions - (3)'.\nParams: ${JSON.stringify(params, null, 4)}`;
  const out = redactTrace(trace);
  for (const secret of ['django-insecure-abc', 'fallback-key', 'hunter2', sessionKey]) assert.ok(!out.includes(secret), `${secret} leaked:\n${out}`);
  assert.match(out, /"secrets": "\*\*\*"/);
  assert.ok(out.includes('q8w1…x0h3'), 'session keys keep 4+4 characters');
  assert.ok(out.includes('redis://127.0.0.1:6379/0'), 'the rest stays readable');
  assert.ok(redactTrace(JSON.stringify({ value: '.eJxVjEEKgzAQRe-:1r2:sig' })).includes('"value":"***"'));
});

test('known secrets are masked wherever they appear', () => {
  assert.equal(redactTrace('error: bad key s3cr3t-value near s3cr3t-value', ['s3cr3t-value']), 'error: bad key *** near ***');
  assert.equal(redactTrace('key cart not found'), 'key cart not found');
});
