// package.json carries exactly the client manifest, its settings schema matches common/settings.ts,
// and docs/settings.md is regenerated from it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSettings, settingsFrom } from '../../common/settings';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const load = async () => (await import(join(root, 'client', 'manifest', 'manifest.mjs'))) as { manifest: Record<string, unknown> };

test('package.json has the manifest fields of client/manifest/manifest.mjs', async () => {
  const { manifest } = await load();
  for (const [field, value] of Object.entries(manifest)) {
    assert.deepEqual(pkg[field], value, `package.json "${field}" is stale: run flock /tmp/npm.lock node client/manifest/apply.mjs`);
  }
});

test('one setting per field of common/settings.ts, with the same defaults', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; markdownDescription: string }>;
  const names = Object.keys(props).map((k) => k.replace(/^djangoSessions\./, '')).sort();
  assert.deepEqual(names, Object.keys(defaultSettings).sort());
  for (const [field, value] of Object.entries(defaultSettings)) {
    assert.deepEqual(props[`djangoSessions.${field}`].default, value, field);
    assert.ok(props[`djangoSessions.${field}`].markdownDescription.length > 20, field);
  }
  // The tolerant reader yields the schema defaults from nothing.
  assert.deepEqual(settingsFrom(Object.fromEntries(Object.entries(props).map(([k, p]) => [k.split('.')[1], p.default]))), defaultSettings);
});

test('store schema forbids a password in the URL and covers every engine', () => {
  const items = pkg.contributes.configuration.properties['djangoSessions.stores'].items;
  assert.deepEqual(items.properties.engine.enum, ['db', 'cache', 'cached_db', 'file', 'signed_cookies']);
  const pattern = new RegExp(items.properties.url.pattern);
  assert.ok(pattern.test('postgres://app@127.0.0.1:5432/shop'));
  assert.ok(pattern.test('sqlite:db.sqlite3'));
  assert.ok(!pattern.test('postgres://app:hunter2@127.0.0.1:5432/shop'));
  assert.ok(!pattern.test('redis://:hunter2@127.0.0.1:6379/0'));
});

test('trust, activation and views are declared', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('djangoSessions.stores'));
  assert.ok(pkg.activationEvents.includes('workspaceContains:**/manage.py'));
  assert.ok(!pkg.activationEvents.includes('*'), 'never activate on startup');
  const views = pkg.contributes.views.djangoSessions.map((v: { id: string }) => v.id);
  assert.deepEqual(views, ['djangoSessions.keys', 'djangoSessions.live']);
  // Every command a menu or welcome link names is contributed.
  const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  const menuCommands = Object.values(pkg.contributes.menus).flat().map((m) => (m as { command: string }).command);
  const links = pkg.contributes.viewsWelcome.flatMap((w: { contents: string }) => [...w.contents.matchAll(/\(command:(djangoSessions\.[\w.]+)\)/g)].map((m) => m[1]));
  for (const c of [...menuCommands, ...links]) assert.ok(commands.has(c), `${c} is not contributed`);
});

test('docs/settings.md is generated from the schema', async () => {
  const { settingsMarkdown } = (await import(join(root, 'client', 'manifest', 'settings-doc.mjs'))) as { settingsMarkdown: () => string };
  assert.equal(readFileSync(join(root, 'docs', 'settings.md'), 'utf8'), settingsMarkdown(), 'docs/settings.md is stale: run node client/manifest/settings-doc.mjs');
});
