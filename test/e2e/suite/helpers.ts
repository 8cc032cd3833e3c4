// Helpers for the suite that runs inside VS Code: reach the extension, wait on signals.
import * as vscode from 'vscode';
import type { DjangoSessionsApi } from '../../../client/src/extension';
import type { LiveNode } from '../../../client/src/views/liveView';

export const extensionId = 'django-sessions.django-sessions';

export async function extensionApi(): Promise<DjangoSessionsApi> {
  const ext = vscode.extensions.getExtension<DjangoSessionsApi>(extensionId);
  if (!ext) throw new Error(`${extensionId} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Rejects with a clear message instead of hanging the run. */
export function within<T>(ms: number, what: string, promise: PromiseLike<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve(promise).finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]);
}

/** A place in the workspace where code reads or writes `request.session['<key>']`. */
export interface KeySite { uri: vscode.Uri; key: string; line: number; character: number }

export async function findKeySites(limit = 50): Promise<KeySite[]> {
  const sites: KeySite[] = [];
  for (const uri of await vscode.workspace.findFiles('**/*.py', '**/{.venv,venv,node_modules}/**', 500)) {
    const text = (await vscode.workspace.fs.readFile(uri)).toString();
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/request\.session\[(['"])([A-Za-z_][\w-]*)\1\]/g)) {
        sites.push({ uri, key: m[2], line: i, character: (m.index ?? 0) + 'request.session['.length + 1 });
      }
    });
    if (sites.length >= limit) break;
  }
  return sites;
}

/** Resolves with the diagnostics of `uri` once `accept` takes them (now or after a change). */
export function diagnosticsOf(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (accept(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (accept(d)) {
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** Resolves when the Live Sessions model is no longer loading anything. */
export function liveSettled(api: DjangoSessionsApi): Promise<void> {
  const model = api.liveView.model;
  const settled = () => model.state !== 'loading' && model.state !== 'idle' && model.stores.every((s) => !s.loading);
  if (settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = model.onChange(() => {
      if (!settled()) return;
      off();
      resolve();
    });
  });
}

export function storeNode(api: DjangoSessionsApi, label: string): Extract<LiveNode, { kind: 'store' }> {
  const node = api.liveView.getChildren().find((n) => n.kind === 'store' && n.state.store.label === label);
  if (!node || node.kind !== 'store') {
    const seen = api.liveView.getChildren().map((n) => (n.kind === 'store' ? `${n.state.store.label} (${n.state.store.id})` : n.kind));
    throw new Error(`no store "${label}" in Live Sessions; saw ${JSON.stringify(seen)}`);
  }
  return node;
}

export function sessionNode(api: DjangoSessionsApi, store: Extract<LiveNode, { kind: 'store' }>, key: string): Extract<LiveNode, { kind: 'session' }> {
  const node = api.liveView.getChildren(store).find((n) => n.kind === 'session' && n.session.key === key);
  if (!node || node.kind !== 'session') {
    const seen = api.liveView.getChildren(store).map((n) => (n.kind === 'session' ? n.session.status : n.kind === 'message' ? n.text : n.kind));
    throw new Error(`session not listed in ${store.state.store.label}; saw ${JSON.stringify(seen)}`);
  }
  return node;
}
