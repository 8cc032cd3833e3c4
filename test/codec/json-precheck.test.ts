// The WebAssembly pre-check (wasm/inflate.c `needs_exact`) decides when JSON.parse alone may read a
// session's JSON. Whatever it decides, the decoded value (or the error) must be the one the
// exact-checking parser gives: texts built around the numbers and keys JSON.parse reads
// differently from Python (ints beyond 2^53, -0, overflowing floats, "$type"), at any position.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { deserializePayload } from '../../server/src/codec/payload';
import { parsePythonJson } from '../../server/src/codec/pyjson/parse';
import { setWasmEnabledForTests, wasmAvailable } from '../../server/src/codec/wasm/blob';

const TRICKY = ['9007199254740993', '9007199254740991', '-9007199254740993', '1234567890123456', '-0', '-0.0', '-0e1', '-0E+1', '0', '1e400', '-1E+999', '1e99', '1.5e-400',
  '12345678901234567890.5', '1.0', '0.1', '"$type"', '"\\u0024type"', '"\\\\u0024"', '"a:1234567890123456789"', 'NaN', '-Infinity', 'true', 'null', '"x"', '[]', '{}'];

function viaPayload(text: string, compress: boolean): unknown {
  const bytes = Buffer.from(text, 'latin1');
  const payload = compress ? `.${deflateSync(bytes).toString('base64url')}` : bytes.toString('base64url');
  return deserializePayload(payload, undefined, 'json').value;
}

function outcome(read: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function assertSame(text: string): void {
  const expected = outcome(() => parsePythonJson(text));
  for (const compress of [false, true]) assert.deepStrictEqual(outcome(() => viaPayload(text, compress)), expected, `${compress ? 'compressed ' : ''}${JSON.stringify(text)}`);
}

test('the pre-check runs in WebAssembly here', () => {
  assert.equal(wasmAvailable(), true);
});

test('tricky tokens as top-level values, in arrays, as dict values, after whitespace', () => {
  for (const token of TRICKY) {
    for (const text of [token, ` ${token}`, `\n\t${token} `, `[${token}]`, `[1, ${token}]`, `{"a": ${token}}`, `{"a":${token},"b":[0,${token}]}`, `{"k": "${token}"}`, `{"a": {"b": [${token}, {"c":${token}}]}}`]) assertSame(text);
  }
});

test('nesting around the depth bound and strings with escapes', () => {
  for (const depth of [1, 499, 500, 501, 700]) assertSame(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
  for (const text of ['{"a": "\\"[[[["}', '{"$": 1}', '"\\u00241"', '["\\\\", 12345678901234567]', '{"a": "\\\\"}', '{"a":1,"a":2}', '{"__proto__": 1}', '']) assertSame(text);
});

test('random JSON documents with tricky tokens spliced in', () => {
  fc.assert(fc.property(fc.json({ maxDepth: 4 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TRICKY)), { maxLength: 3 }), (json, splices) => {
    let text = json;
    for (const [at, token] of splices) {
      // Replace one number token (if any) with a tricky one.
      const numbers = [...text.matchAll(/(?<=[:,[]\s*)-?\d[\d.eE+-]*/g)];
      if (numbers.length === 0) break;
      const m = numbers[at % numbers.length];
      text = text.slice(0, m.index) + token + text.slice((m.index ?? 0) + m[0].length);
    }
    assertSame(text);
  }), { numRuns: 1500, seed: 11 });
});

test('without WebAssembly the JS path gives the same values and errors', () => {
  setWasmEnabledForTests(false);
  try {
    assert.equal(wasmAvailable(), false);
    for (const token of TRICKY) for (const text of [token, `[${token}]`, `{"a": ${token}}`]) assertSame(text);
  } finally {
    setWasmEnabledForTests(true);
  }
  assert.equal(wasmAvailable(), true);
});

test('payloads larger than the module\'s regions take the JS and native paths', () => {
  // Compressed: inflates past the 1 MB output region (native zlib); plain: over the text region.
  const big = JSON.stringify({ a: 'x'.repeat(1_500_000), n: [1, 2, 3] });
  for (const compress of [true, false]) assert.deepStrictEqual(viaPayload(big, compress), JSON.parse(big));
});
