import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byNewestExpiry, childrenOf, formatDuration, maskKey, preview, redact, statusKind, timeToExpiry } from '../../client/src/model/format';
import { validateStoreUrl } from '../../client/src/model/storeUrl';

test('maskKey keeps 4+4 characters of a real key and never the middle', () => {
  const key = 'k2v9x0h3q8w1e7r4t6y5u2i9o0p3a1s8';
  const masked = maskKey(key);
  assert.equal(masked, 'k2v9…a1s8');
  assert.ok(!masked.includes(key.slice(4, -4)));
  assert.equal(maskKey('short'), '•••••');
  assert.equal(maskKey(''), '••••');
});

test('redact masks every occurrence of every secret', () => {
  const secret = 'django-insecure-abcdefghijklmnop';
  assert.equal(redact(`bad key ${secret} and ${secret}!`, [secret]), 'bad key djan…mnop and djan…mnop!');
  assert.equal(redact('nothing here', [secret, '']), 'nothing here');
});

test('durations and time to expiry', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(59), '59s');
  assert.equal(formatDuration(3600 * 3 + 60 * 12 + 5), '3h 12m');
  assert.equal(formatDuration(86400 * 2 + 3600), '2d 1h');
  assert.equal(formatDuration(86400 + 30), '1d', 'two largest non-zero neighbouring units only');
  const now = new Date('2030-01-01T00:00:00Z');
  assert.equal(timeToExpiry('2030-01-01T02:30:00Z', now), 'in 2h 30m');
  assert.equal(timeToExpiry('2029-12-30T00:00:00Z', now), 'expired 2d ago');
  assert.equal(timeToExpiry(null, now), 'never expires');
  assert.equal(timeToExpiry('garbage', now), 'expiry unknown');
});

test('newest expiry first, never-expiring on top, unreadable dates last', () => {
  const list = [{ expires: '2030-01-01T00:00:00Z' }, { expires: 'bad' }, { expires: '2031-01-01T00:00:00Z' }, { expires: null }];
  assert.deepEqual([...list].sort(byNewestExpiry).map((s) => s.expires), [null, '2031-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'bad']);
});

test('status kinds tolerate unknown statuses', () => {
  assert.equal(statusKind('bad-signature'), 'bad-signature');
  assert.equal(statusKind('something-new'), 'unknown');
});

test('previews and children of decoded Python values', () => {
  assert.equal(preview({ $type: 'datetime', value: '2030-01-02T03:04:05+00:00' }), 'datetime(2030-01-02T03:04:05+00:00)');
  assert.equal(preview({ $type: 'set', items: [1, 2] }), 'set([1,2])');
  assert.equal(preview({ $type: 'object', class: 'shop.models.Product' }), 'object(shop.models.Product)');
  assert.equal(preview([1, 2, 3]), '[3 items]');
  assert.equal(preview({ a: 1, b: 2 }), '{2 keys}');
  assert.equal(preview('x'.repeat(500)).length, 80);
  assert.equal(preview(null), 'null');
  assert.deepEqual(childrenOf({ cart: { '42': 2 }, n: 1 }).map((c) => c.name), ['cart', 'n']);
  assert.deepEqual(childrenOf({ $type: 'tuple', items: ['a', 'b'] }), [{ name: '[0]', value: 'a' }, { name: '[1]', value: 'b' }]);
  assert.deepEqual(childrenOf({ $type: 'datetime', value: 'x' }), []);
  assert.deepEqual(childrenOf(7), []);
});

test('store URLs: known schemes only, never a password', () => {
  assert.equal(validateStoreUrl('sqlite:db.sqlite3'), undefined);
  assert.equal(validateStoreUrl('postgres://app@127.0.0.1:5432/shop'), undefined);
  assert.equal(validateStoreUrl('redis://127.0.0.1:6379/0'), undefined);
  assert.match(validateStoreUrl('postgres://app:s3cret@db/shop') ?? '', /password/);
  assert.match(validateStoreUrl('redis://:s3cret@127.0.0.1:6379') ?? '', /password/);
  assert.match(validateStoreUrl('http://example.com') ?? '', /Start with/);
  assert.match(validateStoreUrl('   ') ?? '', /Enter/);
});
