import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeySummary } from '../../common/protocol';
import { firstWrite, keyDescription, keyLabel, neverSeenLive, sortKeys, writtenKeys } from '../../client/src/model/keysModel';

const at = (op: string, line: number) => ({ uri: 'file:///shop/cart/views.py', line, character: 4, endLine: line, endCharacter: 10, op });
const key = (k: Partial<KeySummary>): KeySummary => ({ key: 'k', pattern: false, types: [], reads: 0, writes: 0, deletes: 0, builtin: false, accesses: [], ...k });

const keys = [
  key({ key: 'oauth_*_token', pattern: true, reads: 1, accesses: [at('read', 1)] }),
  key({ key: 'cart', types: ['dict'], reads: 3, writes: 1, accesses: [at('read', 2), at('write', 9)] }),
  key({ key: '_auth_user_id', builtin: true, reads: 1, accesses: [at('read', 4)] }),
  key({ key: 'orphan', reads: 2, accesses: [at('read', 5)] }),
  key({ key: null, pattern: true, writes: 1, accesses: [at('write', 6)] }),
];

test('fixed keys sorted first, patterns and dynamic keys after', () => {
  assert.deepEqual(sortKeys(keys).map(keyLabel), ['_auth_user_id', 'cart', 'orphan', '(dynamic key)', 'oauth_*_token']);
});

test('descriptions say types and counts', () => {
  assert.equal(keyDescription(keys[1]), 'dict · 3 reads, 1 write');
  assert.equal(keyDescription(key({ reads: 1, deletes: 2 })), '1 read, 0 writes, 2 deletes');
});

test('written keys include builtins, exclude read-only and dynamic keys', () => {
  assert.deepEqual([...writtenKeys(keys)].sort(), ['_auth_user_id', 'cart']);
});

test('go to code picks the first write', () => {
  assert.equal(firstWrite(keys, 'cart')?.line, 9);
  assert.equal(firstWrite(keys, 'orphan')?.line, 5, 'falls back to the first access');
  assert.equal(firstWrite(keys, 'missing'), undefined);
});

test('never seen live: written fixed keys absent from loaded sessions', () => {
  assert.equal(neverSeenLive(keys[1], new Set(['theme'])), true);
  assert.equal(neverSeenLive(keys[1], new Set(['cart'])), false);
  assert.equal(neverSeenLive(keys[2], new Set()), false, 'builtins are Django’s business');
  assert.equal(neverSeenLive(keys[3], new Set()), false, 'a key nobody writes is DS101, not this');
});
