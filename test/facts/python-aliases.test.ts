import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonFacts, summary } from './helpers';

test('request-like receivers: self.request, context.request, context["request"], req, typed params', async () => {
  const src = [
    'class V(View):',
    '    def get(self):',
    "        self.request.session['a'] = 1",
    'def tag(context):',
    "    context.request.session.get('b')",
    "    context['request'].session['c']",
    'def fn(req, r, http: HttpRequest):',
    "    req.session['d']; r.session['e']; http.session['f']",
    'def other(response):',
    "    response.wsgi_request.session['g']",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write a', 'read b', 'read c', 'read d', 'read e', 'read f', 'read g']);
  assert.deepEqual(facts.accesses.map((a) => a.scope), ['V.get', 'tag', 'tag', 'fn', 'fn', 'fn', 'other']);
  assert.equal(facts.accesses[0].via, 'self.request.session[...]');
  assert.equal(facts.accesses[2].via, "context['request'].session[...]");
});

test('aliases: s = request.session, test clients, SessionStore instances, annotated params', async () => {
  const src = [
    'from importlib import import_module',
    'from django.conf import settings',
    'from django.contrib.sessions.backends.cache import SessionStore as CacheStore',
    'def view(request):',
    '    s = request.session',
    "    s['a'] = 1",
    'class T(TestCase):',
    '    def test_x(self):',
    '        session = self.client.session',
    "        session['b'] = 2",
    '        session.save()',
    "        self.client.session['b2']",
    'def store():',
    "    st = CacheStore(session_key='x')",
    "    st['c'] = 3",
    '    engine = import_module(settings.SESSION_ENGINE)',
    "    engine.SessionStore()['d'] = 4",
    '    Store = engine.SessionStore',
    "    Store().get('e')",
    'def typed(sess: SessionBase, other: "db.SessionStore"):',
    "    sess['f'] = 1; other['g'] = 2",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write a', 'write b', 'read b2', 'write c', 'write d', 'read e', 'write f', 'write g']);
  assert.equal(facts.accesses[1].via, 'self.client.session[...]');
});

test('a session passed to a function of the same file makes that parameter a session', async () => {
  const src = [
    'def view(request):',
    '    remember(request.session, "x")',
    '    forget(key="y", store=request.session)',
    'def remember(session, value):',
    '    session["seen"] = value',
    'def forget(key, store):',
    '    store.pop(key)',
    '    chain(store)',
    'def chain(s2):',
    '    s2["chained"] = True',
    'class Helper:',
    '    def run(self, request):',
    '        self.step(request.session)',
    '    def step(self, sess):',
    '        sess["step"] = 1',
    'def unrelated(session):',
    '    session["nope"] = 1',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  // forget(key="y", ...) pops its key parameter: the call's 'y' is read and deleted there (keyCalls.ts).
  assert.deepEqual(summary(facts), ['write seen', 'read <null>', 'delete <null>', 'write chained', 'write step', 'read y', 'delete y']);
  assert.equal(facts.accesses.find((a) => a.key === 'step')?.scope, 'Helper.step');
  assert.equal(facts.accesses.find((a) => a.key === 'y')?.via, 'forget(...) → store.pop');
});

test('an alias is forgotten when the name is re-bound', async () => {
  const src = 'def view(request):\n    s = request.session\n    s = {}\n    s["a"] = 1\n';
  assert.deepEqual((await pythonFacts(src)).accesses, []);
});

test('module-level aliases are visible in functions', async () => {
  const src = 'from django.contrib.sessions.backends.db import SessionStore\nSTORE = SessionStore()\ndef f():\n    STORE["k"] = 1\n';
  assert.deepEqual(summary(await pythonFacts(src)), ['write k']);
});

test('a loop over sessions binds its variable to a session; a loop over anything else forgets the alias', async () => {
  const src = [
    'def view(self, request):',
    '    for s in (request.session, self.client.session):',
    "        s['seen'] = True",
    '    s = request.session',
    '    names = [s.name for s in items]',
    "    s['still_a_session'] = 1",
    '    for s in items:',
    "        s['not_a_session'] = 1",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  // A comprehension's variable does not leak (Python 3): `s` stays the session after it.
  assert.deepEqual(summary(facts), ['write seen', 'write still_a_session']);
  assert.ok(facts.sessionNames?.some((bound) => bound.name === 's'));
});

test('inside a session backend (a subclass of a SessionStore or SessionBase) self is the session; elsewhere self is not', async () => {
  const src = [
    'from django.contrib.sessions.backends.db import SessionStore as DjangoDBStore',
    'from django.contrib.sessions.backends.base import SessionBase',
    "IP_KEY = '_my_ip'",
    '',
    'class SessionStore(DjangoDBStore):',
    '    def save(self, must_create=False):',
    '        if IP_KEY not in self or self[IP_KEY] != self.ip:',
    '            self[IP_KEY] = self.ip',
    '        super().save(must_create)',
    '',
    'class Child(SessionStore):',
    "    def f(self): return self.get('child_key')",
    '',
    'class Memory(SessionBase):',
    "    def load(self): return self.pop('memory_key', None)",
    '',
    'class Plain:',
    "    def f(self): return self['not_a_session']",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['contains _my_ip', 'read _my_ip', 'write _my_ip', 'read child_key', 'read memory_key', 'delete memory_key']);
  assert.deepEqual([...new Set(facts.accesses.map((a) => a.via))], ['in self', 'self[...]', 'self.get', 'self.pop']);
});

test("a database backend's create_model_instance(self, data) reads the session's data (Django's documented custom session model); elsewhere data is not a session", async () => {
  const src = [
    'from django.contrib.sessions.backends.db import SessionStore as DBStore',
    'from django.contrib.sessions.base_session import AbstractBaseSession',
    '',
    'class CustomSession(AbstractBaseSession):',
    '    pass',
    '',
    'class SessionStore(DBStore):',
    '    def create_model_instance(self, data):',
    '        obj = super().create_model_instance(data)',
    "        obj.user_id = data.get('_auth_user_id')",
    "        obj.device_info = data.get('device_info')",
    '        return obj',
    '',
    'class Exporter:',
    '    def create_model_instance(self, data):',
    "        return data.get('not_a_session')",
    '',
  ].join('\n');
  const facts = await pythonFacts(src, 'app/sessions.py', 'app.sessions');
  assert.deepEqual(summary(facts), ['read _auth_user_id', 'read device_info']);
});
