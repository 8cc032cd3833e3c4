import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonFacts } from './helpers';

test('things named session that are not a Django session', async () => {
  const src = [
    'import requests, nox, aiohttp',
    'from sqlalchemy.orm import Session, sessionmaker',
    'def fetch():',
    '    s = requests.Session()',
    "    s.get('https://example.com')",
    "    s.headers['X'] = '1'",
    "    requests.session().get('u')",
    'def db_work(db):',
    '    with Session(engine) as session:',
    "        session.get(User, 1); session['x']",
    '    Maker = sessionmaker(bind=engine)',
    '    m = Maker()',
    "    m.get(User, 2)",
    "    db.session.get(User, 3)",
    "    db.session.add(user)",
    '@nox.session',
    'def tests(session):',
    "    session.install('pytest')",
    "    session.env['CI'] = '1'",
    "    if 'x' in session.posargs: pass",
    'async def client():',
    '    async with aiohttp.ClientSession() as session:',
    "        await session.get('u')",
    '    cs = aiohttp.ClientSession()',
    "    cs.get('u')",
    '',
  ].join('\n');
  const facts = await pythonFacts(src, 'noxfile.py', 'noxfile');
  assert.deepEqual(facts.accesses, []);
  assert.deepEqual(facts.mutations, []);
});

test('a dict literal that happens to be called session is not one', async () => {
  const src = "def f():\n    session = {}\n    session['x'] = 1\n    if 'x' in session: pass\n";
  assert.deepEqual((await pythonFacts(src)).accesses, []);
});
