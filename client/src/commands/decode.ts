// Decode a pasted session cookie or session_data value: decoded JSON plus signature status.
import * as vscode from 'vscode';
import type { DecodeResult } from '../../../common/protocol';
import type { Ctx } from '../ctx';
import { statusKind, statusText } from '../model/format';

/** `value` may be passed by a caller (tests, other commands); otherwise it is asked for. */
export async function decodeValue(ctx: Ctx, value?: string): Promise<DecodeResult | undefined> {
  const input = typeof value === 'string' ? value : await vscode.window.showInputBox({
    title: 'Decode a Django session',
    prompt: 'Paste a sessionid cookie (signed_cookies) or a session_data value from the database',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Paste a value'),
  });
  if (!input?.trim()) return undefined;
  const secrets = await ctx.secrets.secretKeys();
  try {
    const result = await ctx.api.decode({ value: input.trim(), secrets });
    const kind = statusKind(result.status);
    const signature = kind === 'valid' || kind === 'expired'
      ? `verified with ${result.secretIndex ? `SECRET_KEY_FALLBACKS[${result.secretIndex - 1}]` : 'SECRET_KEY'}${result.algorithm ? ` (${result.algorithm})` : ''}`
      : statusText[kind];
    await ctx.documents.show('decoded-session', {
      status: result.status,
      signature,
      ...(result.reason ? { reason: result.reason } : {}),
      format: result.format ?? null,
      user: result.user,
      expiry: result.expiry,
      data: result.data,
    });
    if (!secrets.length) void vscode.window.showInformationMessage('Decoded without verifying the signature: no SECRET_KEY is set.', 'Set SECRET_KEY')
      .then((c) => c && vscode.commands.executeCommand('djangoSessions.setSecretKey'));
    return result;
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not decode: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
