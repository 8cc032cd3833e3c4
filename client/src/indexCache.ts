// Where the language server keeps its facts cache for this workspace (see server/src/index/factsCache.ts).
import * as vscode from 'vscode';

/** The folder in the workspace's extension storage; none without a folder open. */
export function indexCacheDir(context: vscode.ExtensionContext): string | undefined {
  return context.storageUri ? vscode.Uri.joinPath(context.storageUri, 'index').fsPath : undefined;
}
