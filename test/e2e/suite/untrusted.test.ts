// Runs inside VS Code on a copy of examples/shop opened in Restricted Mode: analysis works, but no
// store is contacted (the driver's fake store server counts connections and must see none).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DjangoSessionsApi } from '../../../client/src/extension';
import { extensionApi, findKeySites, within } from './helpers';

describe('Django Sessions in Restricted Mode', () => {
  let api: DjangoSessionsApi;

  before(async () => {
    api = await within(30_000, 'activation', extensionApi());
    await within(60_000, 'the language client to start', api.started);
  });

  it('runs untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still analyses code: keys are indexed and completed', async () => {
    await within(60_000, 'index state "ready"', api.waitForIndex((s) => s.state === 'ready'));
    const [site] = await findKeySites();
    assert.ok(site, 'examples/shop has request.session[...] accesses');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', site.uri, new vscode.Position(site.line, site.character));
    assert.ok(list.items.length > 0);
  });

  it('shows no store and sends no store request', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.djangoSessions');
    await vscode.commands.executeCommand('djangoSessions.live.refresh');
    assert.equal(api.liveView.model.state, 'untrusted');
    assert.deepEqual(api.liveView.getChildren(), []);
    await assert.rejects(api.api.stores({ configured: [] }), /not trusted/);
  });

  it('refuses writes and store configuration', async () => {
    assert.equal(await vscode.commands.executeCommand('djangoSessions.clearExpired'), 'refused-untrusted');
    assert.equal(await vscode.commands.executeCommand('djangoSessions.configureStore'), undefined);
  });

  it('decodes a pasted value locally (no store involved)', async () => {
    const result = await vscode.commands.executeCommand<{ status: string }>('djangoSessions.decode', 'not-a-session');
    assert.ok(result === undefined || typeof result.status === 'string');
  });
});
