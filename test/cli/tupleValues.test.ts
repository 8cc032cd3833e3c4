// DS103 for a tuple (info: JSON gives it back as a list) is left out when every read of the key
// unpacks the value at once, where a list behaves the same (healthchecks' OAuth state pairs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { cli, json } from './cli';

async function tupleFindings(views: string): Promise<number[]> {
  const root = scratchWorkspace({ 'manage.py': '', 'app/__init__.py': '', 'app/views.py': views }, 'ds-tuples-');
  const run = await cli(['check', root, '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const out = json<{ diagnostics: { code: string; message: string; line: number }[] }>(run);
  return out.diagnostics.filter((d) => d.code === 'DS103' && /tuple/.test(d.message)).map((d) => d.line);
}

const WRITE = [
  'def start(request, state, code):',
  '    request.session["add_slack"] = (state, str(code))',
  '',
  'async def finish(request):',
  '    state, code = request.session.pop("add_slack")',
  '    (a, b) = await request.session.aget("add_slack")',
  '',
].join('\n');

test('every read unpacks the tuple: no finding', async () => {
  assert.deepEqual(await tupleFindings(WRITE), []);
});

test('one read keeps the value: the tuple write is reported', async () => {
  assert.equal((await tupleFindings(`${WRITE}def peek(request):\n    return request.session.get("add_slack")\n`)).length, 1);
});
