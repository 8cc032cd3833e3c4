// Read-only JSON documents for a session or a decode result (scheme `django-session:`). The URI
// holds only a counter and a masked name, never a session key: URIs end up in history and logs.
import * as vscode from 'vscode';

export const scheme = 'django-session';

export class SessionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '// This session document is no longer available: open it again from the Live Sessions view.\n';
  }

  /** Shows `value` as pretty JSON in a read-only editor. */
  async show(name: string, value: unknown): Promise<vscode.TextEditor> {
    const safeName = name.replace(/[^\w.…-]+/g, '_').slice(0, 60) || 'session';
    const uri = vscode.Uri.from({ scheme, path: `/${safeName}.json`, query: String(this.next++) });
    this.contents.set(uri.toString(), `${JSON.stringify(value, null, 2)}\n`);
    // Keep memory bounded: a session can be large and users open many.
    while (this.contents.size > 50) this.contents.delete(this.contents.keys().next().value as string);
    // The `.json` path gives the document the JSON language.
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
