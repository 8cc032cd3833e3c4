// Live Sessions view actions that read only: refresh, filter, load more, copy key, open, go to code.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { maskKey } from '../model/format';
import { firstWrite } from '../model/keysModel';
import { openAccess } from '../views/keysView';
import type { LiveNode } from '../views/liveView';

export async function filterSessions(ctx: Ctx, value?: string): Promise<void> {
  const filter = typeof value === 'string' ? value : await vscode.window.showInputBox({
    title: 'Filter live sessions',
    prompt: 'Text to find in the session key, user or data (empty shows all)',
    value: ctx.liveModel.filter ?? '',
  });
  if (filter === undefined) return;
  await ctx.liveModel.setFilter(filter);
}

/** Copies the real key: an explicit request, so the only place a key is revealed. */
export async function copyKey(_ctx: Ctx, node?: LiveNode): Promise<boolean> {
  if (node?.kind !== 'session') return false;
  await vscode.env.clipboard.writeText(node.session.key);
  vscode.window.setStatusBarMessage(`Session key ${maskKey(node.session.key)} copied`, 3000);
  return true;
}

export async function openSession(ctx: Ctx, node?: LiveNode): Promise<vscode.TextEditor | undefined> {
  if (node?.kind !== 'session') return undefined;
  const s = node.session;
  const shown = ctx.liveModel.session(s.handle) ?? s;
  const key = maskKey(shown.key);
  return ctx.documents.show(`session-${key}`, {
    key,
    store: shown.storeId,
    status: shown.status,
    ...(shown.reason ? { reason: shown.reason } : {}),
    user: shown.user,
    expires: shown.expires,
    ...(shown.ttl !== undefined ? { ttl: shown.ttl } : {}),
    size: shown.size,
    data: shown.data,
  });
}

/** Jumps from a data key of a live session to where code writes it. */
export async function goToCode(ctx: Ctx, node?: LiveNode): Promise<boolean> {
  if (node?.kind !== 'data' || !node.top) return false;
  if (!ctx.keysView.loaded) await ctx.keysView.refresh();
  const access = firstWrite(ctx.keysView.keys, node.name);
  if (!access) {
    void vscode.window.showInformationMessage(`No code in this workspace writes the session key "${node.name}".`);
    return false;
  }
  await openAccess(access);
  return true;
}
