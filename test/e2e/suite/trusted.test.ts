// Runs inside VS Code on a trusted copy of examples/shop with real SQLite and Redis sessions.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DjangoSessionsApi } from '../../../client/src/extension';
import type { LiveNode } from '../../../client/src/views/liveView';
import { readInfo } from './info';
import { diagnosticsOf, extensionApi, findKeySites, liveSettled, sessionNode, storeNode, within } from './helpers';

const info = readInfo();

describe('Django Sessions in a trusted workspace', () => {
  let api: DjangoSessionsApi;

  before(async () => {
    api = await within(30_000, 'activation', extensionApi());
    await within(60_000, 'the language client to start', api.started);
  });

  it('activates and registers every contributed command', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    const ext = vscode.extensions.getExtension('django-sessions.django-sessions');
    assert.ok(ext?.isActive);
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('indexes the workspace and lists its session keys', async () => {
    const state = await within(60_000, 'index state "ready"', api.waitForIndex((s) => s.state === 'ready'));
    assert.ok(state.keys > 0, `index reports ${state.keys} keys`);
    await api.keysView.refresh();
    const keys = api.keysView.getChildren().filter((n) => n.kind === 'key');
    assert.ok(keys.length > 0);
    const sites = await findKeySites();
    assert.ok(sites.length > 0, 'examples/shop has request.session[...] accesses');
    const names = new Set(keys.map((n) => (n.kind === 'key' ? n.key.key : null)));
    assert.ok(names.has(sites[0].key), `keys view lists "${sites[0].key}"`);
  });

  it('opens an access from the Session Keys view', async () => {
    const [site] = await findKeySites();
    const keyNode = api.keysView.getChildren().find((n) => n.kind === 'key' && n.key.key === site.key);
    assert.ok(keyNode, `keys view has "${site.key}"`);
    const access = api.keysView.getChildren(keyNode).find((n) => n.kind === 'access');
    assert.ok(access && access.kind === 'access');
    const item = api.keysView.getTreeItem(access);
    assert.equal(item.command?.command, 'djangoSessions.keys.open');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), access.access.uri);
    assert.equal(editor?.selection.start.line, access.access.line);
  });

  it('completes a session key inside request.session[...]', async () => {
    const [site] = await findKeySites();
    const doc = await vscode.workspace.openTextDocument(site.uri);
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', site.uri, new vscode.Position(site.line, site.character));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes(site.key), `completion offers "${site.key}" (got ${labels.slice(0, 20).join(', ')})`);
  });

  it('hovers a session key with what writes and reads it', async () => {
    const [site] = await findKeySites();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', site.uri, new vscode.Position(site.line, site.character + 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, new RegExp(site.key));
    assert.match(text, /read|write/i);
  });

  it('reports a settings diagnostic in shop/settings/prod.py', async () => {
    const [prod] = await vscode.workspace.findFiles('**/shop/settings/prod.py');
    assert.ok(prod, 'examples/shop/shop/settings/prod.py exists');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(prod));
    const diags = await within(60_000, 'diagnostics on prod.py', diagnosticsOf(prod, (d) => d.length > 0));
    assert.ok(diags.some((d) => /SESSION|CSRF|SECRET|cookie/i.test(d.message)), diags.map((d) => d.message).join('\n'));
  });

  it('lists SQLite sessions decoded and verified with SECRET_KEY from the secret storage', async function () {
    assert.equal(await vscode.commands.executeCommand('djangoSessions.setSecretKey', info.secret), true);
    await vscode.commands.executeCommand('djangoSessions.live.refresh');
    await within(60_000, 'live sessions', liveSettled(api));
    assert.equal(api.liveView.model.state, 'ready', api.liveView.model.error);
    const store = storeNode(api, 'E2E SQLite');
    assert.equal(store.state.error, undefined);
    const valid = sessionNode(api, store, info.sqlite.valid);
    assert.equal(valid.session.status, 'valid');
    assert.deepEqual(valid.session.data, info.sqlite.data);
    assert.equal(valid.session.user, '7');
    assert.equal(sessionNode(api, store, info.sqlite.expired).session.status, 'expired');
    assert.equal(sessionNode(api, store, info.sqlite.foreign).session.status, 'bad-signature');
    // The tree shows the key masked, the decoded data as children, and marks keys no code writes.
    const item = api.liveView.getTreeItem(valid);
    assert.ok(typeof item.label === 'string' && !item.label.includes(info.sqlite.valid) && item.label.includes('…'));
    const data = api.liveView.getChildren(valid);
    assert.deepEqual(data.map((n) => (n.kind === 'data' ? n.name : n.kind)).sort(), Object.keys(info.sqlite.data).sort());
    const sessionsSorted = api.liveView.getChildren(store).filter((n): n is Extract<LiveNode, { kind: 'session' }> => n.kind === 'session');
    const times = sessionsSorted.map((n) => (n.session.expires ? Date.parse(n.session.expires) : Infinity));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest expiry first');
  });

  it('lists Redis sessions decoded from the cache', async function () {
    const store = storeNode(api, 'E2E Redis');
    assert.equal(store.state.error, undefined);
    const session = sessionNode(api, store, info.redis.valid);
    assert.deepEqual(session.session.data, info.redis.data);
    assert.ok(['valid', 'no-secret'].includes(session.session.status), session.session.status);
  });

  it('goes from a live data key to the code that writes it, and marks keys no code writes', async function () {
    const node = sessionNode(api, storeNode(api, 'E2E SQLite'), info.sqlite.valid);
    const data = api.liveView.getChildren(node).filter((n): n is Extract<LiveNode, { kind: 'data' }> => n.kind === 'data');
    const written = new Set(api.keysView.keys.filter((k) => k.writes > 0 || k.builtin).map((k) => k.key));
    const codeKey = data.find((n) => written.has(n.name));
    assert.ok(codeKey, `one of ${data.map((n) => n.name).join(', ')} is written by examples/shop`);
    assert.equal(api.liveView.getTreeItem(codeKey).contextValue, 'dataKey.written');
    assert.equal(await vscode.commands.executeCommand('djangoSessions.live.goToCode', codeKey), true);
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'file');
    const stranger = data.find((n) => n.name === 'greeting');
    assert.ok(stranger && !written.has('greeting'));
    assert.equal(api.liveView.getTreeItem(stranger).contextValue, 'dataKey.unknown');
    assert.equal(await vscode.commands.executeCommand('djangoSessions.live.goToCode', stranger), false);
  });

  it('opens a session as read-only JSON without its key', async function () {
    const store = storeNode(api, 'E2E SQLite');
    const node = sessionNode(api, store, info.sqlite.valid);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('djangoSessions.live.open', node);
    const text = editor.document.getText();
    assert.equal(editor.document.uri.scheme, 'django-session');
    assert.deepEqual(JSON.parse(text).data, info.sqlite.data);
    assert.ok(!text.includes(info.sqlite.valid), 'the real key is not in the document');
    assert.ok(!editor.document.uri.toString().includes(info.sqlite.valid));
  });

  it('decodes a signed cookie and reports a tampered one', async function () {
    const good = await vscode.commands.executeCommand<{ status: string; data: unknown }>('djangoSessions.decode', info.cookie.valid);
    assert.equal(good?.status, 'valid');
    assert.deepEqual(good?.data, info.cookie.data);
    const bad = await vscode.commands.executeCommand<{ status: string }>('djangoSessions.decode', info.cookie.tampered);
    assert.equal(bad?.status, 'bad-signature');
  });

  it('refuses to delete in read-only mode, and the session stays', async function () {
    const store = storeNode(api, 'E2E SQLite');
    const node = sessionNode(api, store, info.sqlite.valid);
    assert.equal(await vscode.commands.executeCommand('djangoSessions.live.delete', node), 'refused-read-only');
    assert.equal(await vscode.commands.executeCommand('djangoSessions.clearExpired', store), 'refused-read-only');
    // The server's own guard: a write request while read-only is refused too.
    const direct = await api.api.deleteSession({ storeId: store.state.store.id, key: info.sqlite.valid, confirmed: true });
    assert.equal(direct.ok, false);
    await vscode.commands.executeCommand('djangoSessions.live.refresh');
    await liveSettled(api);
    sessionNode(api, storeNode(api, 'E2E SQLite'), info.sqlite.valid);
  });

  it('takes a screenshot of the Live Sessions view', async function () {
    if (!info.screenshot) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.djangoSessions');
    await vscode.commands.executeCommand('djangoSessions.live.focus');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.actions.treeView.djangoSessions.keys.collapseAll');
    // Show one session's decoded data.
    const valid = sessionNode(api, storeNode(api, 'E2E SQLite'), info.sqlite.valid);
    await api.liveTree.reveal(valid, { expand: 1, select: true, focus: true });
    // Ask the driver (it holds the browser) and wait for its answer file.
    const done = join(info.signalDir, 'screenshot-done');
    writeFileSync(join(info.signalDir, 'screenshot-request'), '');
    await within(30_000, 'the screenshot', new Promise<void>((resolve) => {
      const check = () => (existsSync(done) ? resolve() : setTimeout(check, 100));
      check();
    }));
  });

  it('keeps a facts cache in the workspace storage; Rebuild Index starts without it and writes it again', async () => {
    await within(60_000, 'index state "ready"', api.waitForIndex((s) => s.state === 'ready'));
    const dir = api.indexCacheDir();
    assert.ok(dir, 'a folder workspace has extension storage');
    const cacheFile = () => (existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('facts-')) : undefined);
    const poll = (ok: () => boolean) => new Promise<void>((resolve) => { const check = () => (ok() ? resolve() : setTimeout(check, 100)); check(); });
    await within(30_000, 'the facts cache file', poll(() => cacheFile() !== undefined));
    const before = statSync(join(dir, cacheFile()!)).mtimeMs;
    await vscode.commands.executeCommand('djangoSessions.rebuildIndex');
    // Every file read again: the cache is written anew (a restart with the cache would not rewrite it).
    await within(60_000, 'a new facts cache file', poll(() => { const f = cacheFile(); return f !== undefined && statSync(join(dir, f)).mtimeMs > before; }));
    await within(60_000, 'index state "ready" after the rebuild', api.waitForIndex((s) => s.state === 'ready'));
  });

  it('contacts a configured store (control for the Restricted Mode test)', async function () {
    const config = vscode.workspace.getConfiguration('djangoSessions');
    const stores = config.get<unknown[]>('stores') ?? [];
    await config.update('stores', [...stores, { engine: 'cache', url: info.fakeUrl, label: 'Fake' }], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('djangoSessions.live.refresh');
    await within(60_000, 'live sessions', liveSettled(api));
    writeFileSync(join(info.signalDir, 'control-done'), '');
  });
});
