import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangeArrivals } from '../../server/src/shells/lsp/arrivals';

const frame = (method: string, text = 'x') => {
  const body = JSON.stringify({ jsonrpc: '2.0', method, params: { textDocument: { uri: 'file:///a.py', version: 2 }, contentChanges: [{ text }] } });
  return `Content-Length: ${body.length}\r\n\r\n${body}`;
};

test('ChangeArrivals: a change handled while a newer one has arrived says so; the last of the burst does not', () => {
  const arrivals = new ChangeArrivals();
  const stream = frame('textDocument/didChange') + frame('textDocument/hover') + frame('textDocument/didChange');
  // Split in the middle of the second method name: still counted once.
  const cut = stream.lastIndexOf('didChange') + 3;
  arrivals.scan(stream.slice(0, cut));
  arrivals.scan(stream.slice(cut));
  assert.equal(arrivals.handledOne(), true, 'the second change is waiting');
  assert.equal(arrivals.handledOne(), false, 'nothing after the second');
});

test('ChangeArrivals: the method name inside a document text is not a change; missed counts heal', () => {
  const arrivals = new ChangeArrivals();
  arrivals.scan(frame('textDocument/didChange', 'say "textDocument/didChange" here'));
  assert.equal(arrivals.handledOne(), false);
  // A change the scan never saw (another transport): handled at once, and the counts stay aligned.
  assert.equal(arrivals.handledOne(), false);
  arrivals.scan(frame('textDocument/didChange'));
  assert.equal(arrivals.handledOne(), false);
  // A counted change that never reaches a handler is forgotten by settle().
  arrivals.scan(frame('textDocument/didChange') + frame('textDocument/didChange'));
  assert.equal(arrivals.handledOne(), true);
  arrivals.settle();
  arrivals.scan(frame('textDocument/didChange'));
  assert.equal(arrivals.handledOne(), false);
});
