// Completion and hover in settings files, with a `|` marking the cursor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingsCompletions } from '../../server/src/features/settingsCompletion';
import { settingsHover } from '../../server/src/features/settingsHover';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { initPythonParser } from '../../server/src/syntax/python';
import { workspace } from './workspace';

function at(source: string): { text: string; position: { line: number; character: number } } {
  const offset = source.indexOf('|');
  const before = source.slice(0, offset);
  const lines = before.split('\n');
  return { text: source.slice(0, offset) + source.slice(offset + 1), position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

async function complete(source: string) {
  const { text, position } = at(source);
  return settingsCompletions(await initPythonParser(), text, position);
}

test('setting names complete from a prefix, with type, default and docs', async () => {
  const items = await complete('DEBUG = True\nSESSION_COOKIE_S|\n');
  assert.deepEqual(items.map((i) => i.label), ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SAMESITE']);
  assert.equal(items[0].detail, 'bool = False');
  assert.match(items[0].documentation, /HTTPS only/);
  assert.deepEqual(items[0].replace, { startLine: 1, startColumn: 0, endLine: 1, endColumn: 16 });
  assert.ok((await complete('CSRF_|')).some((i) => i.label === 'CSRF_USE_SESSIONS'));
  assert.deepEqual((await complete('SECRET_KEY_F|')).map((i) => i.label), ['SECRET_KEY_FALLBACKS']);
  assert.deepEqual((await complete('def f():\n    x = request.session.get(|)\n')), []);
});

test('values complete inside the string of SESSION_ENGINE, SAMESITE and SERIALIZER', async () => {
  const engines = await complete("SESSION_ENGINE = 'django.contrib.sessions.backends.c|'\n");
  assert.deepEqual(engines.map((i) => i.label), ['django.contrib.sessions.backends.cached_db', 'django.contrib.sessions.backends.cache']);
  assert.deepEqual(engines[0].replace, { startLine: 0, startColumn: 18, endLine: 0, endColumn: 52 });
  assert.deepEqual((await complete("SESSION_COOKIE_SAMESITE = '|'\n")).map((i) => i.label), ['Lax', 'Strict', 'None']);
  assert.deepEqual((await complete("SESSION_SERIALIZER = 'django.contrib.sessions.serializers.P|'\n")).map((i) => i.label), ['django.contrib.sessions.serializers.PickleSerializer']);
  assert.deepEqual((await complete('SESSION_COOKIE_SECURE = |\n')).map((i) => i.label), ['True', 'False']);
  assert.deepEqual((await complete('SESSION_COOKIE_SECURE = Tr|\n')).map((i) => i.label), ['True']);
  assert.deepEqual((await complete("UNRELATED = '|'\n")), []);
});

test('hover shows meaning, default and what the current value does (never a secret)', async () => {
  const text = "from .base import *\nSESSION_ENGINE = 'django.contrib.sessions.backends.cache'\nSESSION_COOKIE_AGE = 60 * 60 * 8\nSECRET_KEY = 'super-secret-value-that-must-not-show'\n";
  const model = await evaluateSettings('proj.settings', workspace({ 'proj/__init__.py': '', 'proj/settings.py': text, 'proj/base.py': 'CSRF_USE_SESSIONS = True\n' }));
  const parser = await initPythonParser();
  const engine = settingsHover(parser, text, { line: 1, character: 3 }, model);
  assert.ok(engine);
  assert.match(engine.markdown, /\*\*SESSION_ENGINE\*\*/);
  assert.match(engine.markdown, /Django's default: `'django\.contrib\.sessions\.backends\.db'`/);
  assert.match(engine.markdown, /lost on eviction or restart/);
  assert.deepEqual(engine.span, { startLine: 1, startColumn: 0, endLine: 1, endColumn: 14 });
  assert.match(settingsHover(parser, text, { line: 2, character: 2 }, model)!.markdown, /Sessions last 8 hours/);
  const secret = settingsHover(parser, text, { line: 3, character: 2 }, model)!.markdown;
  assert.ok(!secret.includes('super-secret'), secret);
  assert.match(secret, /37-character string \(hidden\)/);
  const inherited = settingsHover(parser, 'CSRF_USE_SESSIONS\n', { line: 0, character: 1 }, model)!.markdown;
  assert.match(inherited, /set in `proj\/base\.py` line 1/);
  assert.equal(settingsHover(parser, text, { line: 0, character: 0 }, model), null);
});
