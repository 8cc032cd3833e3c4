// Delete a session, clear expired sessions: refused in Restricted Mode and in read-only mode,
// otherwise each behind a modal confirmation. The outcome is returned (tests read it).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { readSettings } from '../config';
import { maskKey } from '../model/format';
import type { LiveNode } from '../views/liveView';

export type WriteOutcome = 'refused-untrusted' | 'refused-read-only' | 'cancelled' | 'done' | 'not-found' | 'failed' | 'no-target';

function refusal(ctx: Ctx): WriteOutcome | undefined {
  if (!ctx.api.canContactStores()) {
    void vscode.window.showWarningMessage('This workspace is not trusted: Django Sessions does not contact session stores in Restricted Mode.');
    return 'refused-untrusted';
  }
  if (readSettings().readOnly) {
    void vscode.window.showInformationMessage('Django Sessions is read-only: set "djangoSessions.readOnly" to false to delete sessions.', 'Open Setting')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'djangoSessions.readOnly'));
    return 'refused-read-only';
  }
  return undefined;
}

export async function deleteSession(ctx: Ctx, node?: LiveNode): Promise<WriteOutcome> {
  if (node?.kind !== 'session') return 'no-target';
  const refused = refusal(ctx);
  if (refused) return refused;
  const { session } = node;
  const store = ctx.liveModel.stores.find((s) => s.store.id === session.storeId)?.store;
  const answer = await vscode.window.showWarningMessage(
    `Delete session ${maskKey(session.key)}?`,
    { modal: true, detail: `The user${session.user ? ` ${session.user}` : ''} is logged out of this session. Store: ${store?.label ?? session.storeId}. This cannot be undone.` },
    'Delete',
  );
  if (answer !== 'Delete') return 'cancelled';
  try {
    const result = await ctx.api.deleteSession({ storeId: session.storeId, key: session.key, confirmed: true, password: await ctx.secrets.password(session.storeId) });
    if (!result.ok) {
      void vscode.window.showWarningMessage(`Session not deleted: ${result.message ?? 'the store refused'}`);
      return 'not-found';
    }
    ctx.output.info(`Deleted session ${maskKey(session.key)} from ${session.storeId}.`);
    ctx.liveModel.forget(session.handle);
    return 'done';
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not delete the session: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}

export async function clearExpired(ctx: Ctx, node?: LiveNode): Promise<WriteOutcome> {
  const refused = refusal(ctx);
  if (refused) return refused;
  let store = node?.kind === 'store' ? node.state.store : undefined;
  if (!store) {
    const stores = ctx.liveModel.stores.map((s) => s.store);
    if (!stores.length) await ctx.liveModel.refresh();
    const pick = await vscode.window.showQuickPick(
      ctx.liveModel.stores.map((s) => ({ label: s.store.label, description: s.store.backend, store: s.store })),
      { title: 'Clear expired sessions in which store?' },
    );
    store = pick?.store;
  }
  if (!store) return 'no-target';
  const answer = await vscode.window.showWarningMessage(
    `Clear expired sessions in ${store.label}?`,
    { modal: true, detail: 'Deletes every expired session, as `manage.py clearsessions` does for this store.' },
    'Clear Expired',
  );
  if (answer !== 'Clear Expired') return 'cancelled';
  try {
    const result = await ctx.api.clearExpired({ storeId: store.id, confirmed: true, password: await ctx.secrets.password(store.id) });
    if (!result.ok) {
      void vscode.window.showWarningMessage(`Nothing cleared: ${result.message ?? 'the store refused'}`);
      return 'failed';
    }
    void vscode.window.showInformationMessage(`Cleared ${result.deleted ?? 0} expired sessions from ${store.label}.`);
    await ctx.liveModel.refresh();
    return 'done';
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not clear expired sessions: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}
