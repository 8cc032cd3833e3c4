import { test } from 'node:test';
import { indexedProject } from '/work/main/test/support/indexedProject';
test('dbg', async () => {
  const { index } = await indexedProject({
    'argus/__init__.py': '', 'argus/auth/__init__.py': '',
    'argus/auth/models.py': 'class SessionPreferences:\n    def __init__(self, session, namespace):\n        self.session = session\n        self._namespace = namespace\n        self.session.setdefault("preferences", dict())\n        self.session["preferences"].setdefault(namespace, {})\n',
    'argus/auth/utils.py': 'from argus.auth.models import Preferences, SessionPreferences\n\ndef get_preferences(request, namespace):\n    prefs = SessionPreferences(request.session, namespace)\n    return prefs\n',
    'argus/auth/context_processors.py': 'def p(request):\n    if "preferences" in request.session:\n        return request.session["preferences"]\n',
  });
  console.log(index.accessesOf('preferences').map((a) => `${a.file} ${a.access.op}`));
  console.log(JSON.stringify((index as any).facts.get('argus/auth/utils.py')?.sessionCalls));
});
