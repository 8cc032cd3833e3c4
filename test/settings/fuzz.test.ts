// Random settings-like text (fragments of real settings code, shuffled and cut) never makes the
// evaluator, the rules, completion or hover throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { settingsCompletions } from '../../server/src/features/settingsCompletion';
import { settingsHover } from '../../server/src/features/settingsHover';
import { checkSettings } from '../../server/src/rules/check';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { initPythonParser } from '../../server/src/syntax/python';
import { workspace } from './workspace';

const fragments = [
  'SESSION_COOKIE_SECURE', 'MIDDLEWARE', 'INSTALLED_APPS', 'CACHES', 'SECRET_KEY', 'DEBUG', ' = ', '+=', '.append(', '.remove(', '.insert(0, ',
  "['django.contrib.sessions']", "'django.contrib.sessions.middleware.SessionMiddleware'", '(', ')', '[', ']', '{', '}', ':', ',', '\n', '    ',
  'if ', 'else:', 'elif ', 'not ', 'os.environ.get(', "os.environ['X']", "env.bool('A', default=True)", "config('B', cast=bool)", 'from .base import *',
  'from . import *', 'try:', 'except ImportError:', 'for x in y:', 'def f(', 'lambda: ', "f'{", '}', "'", '"', '\\', '#', '*', '**', '/', '//', '%',
  "['default']['BACKEND']", 'Path(__file__).resolve().parent', ' / ', '1', '0', '-1', '10 ** 100', 'True', 'False', 'None', '\0', 'é', '😀',
];

test('random settings text never throws (evaluate, check, complete, hover)', async () => {
  const parser = await initPythonParser();
  await fc.assert(fc.asyncProperty(
    fc.array(fc.constantFrom(...fragments), { maxLength: 60 }),
    fc.nat(), fc.nat(),
    async (parts, line, character) => {
      const text = parts.join('');
      const ws = workspace({ 'p/__init__.py': '', 'p/settings.py': text, 'p/base.py': text.slice(0, text.length >> 1) });
      const model = await evaluateSettings('p.settings', ws, { env: { X: '1', A: 'no' } });
      for (const name of model.names()) assert.ok(model.get(name));
      checkSettings(model, { djangoVersion: '5.2', production: true });
      const lines = text.split('\n');
      const position = { line: line % (lines.length + 1), character: character % ((lines[line % (lines.length + 1)] ?? '').length + 2) };
      settingsCompletions(parser, text, position, model);
      settingsHover(parser, text, position, model);
    },
  ), { numRuns: 150, seed: 20261125 });
});
