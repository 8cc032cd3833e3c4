// Set / forget SECRET_KEY: kept only in SecretStorage (the OS keychain), never in settings or logs.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export async function setSecretKey(ctx: Ctx, value?: string): Promise<boolean> {
  const key = typeof value === 'string' ? value : await vscode.window.showInputBox({
    title: 'Django SECRET_KEY',
    prompt: 'Used only to verify and decode sessions. Kept in the OS secret storage, never in settings. (DJANGO_SECRET_KEY also works.)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'SECRET_KEY cannot be empty'),
  });
  if (!key?.trim()) return false;
  await ctx.secrets.setSecretKey(key.trim());
  ctx.output.info('SECRET_KEY stored in the secret storage.');
  if (ctx.liveModel.state !== 'idle') await ctx.liveModel.refresh();
  return true;
}

export async function forgetSecrets(ctx: Ctx): Promise<void> {
  await ctx.secrets.forget(ctx.liveModel.stores.map((s) => s.store.id));
  ctx.output.info('Stored SECRET_KEY and store passwords removed.');
  void vscode.window.showInformationMessage('Django Sessions forgot the stored SECRET_KEY and store passwords.');
}
