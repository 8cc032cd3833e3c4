// Session Keys view: every key (type, reads, writes), expandable to each access; click opens it.
import * as vscode from 'vscode';
import type { KeySummary } from '../../../common/protocol';
import { keyDescription, keyLabel, neverSeenLive, sortKeys, type KeyAccess } from '../model/keysModel';

export type KeysNode = { kind: 'key'; key: KeySummary } | { kind: 'access'; key: KeySummary; access: KeyAccess } | { kind: 'message'; text: string };

export class KeysView implements vscode.TreeDataProvider<KeysNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  keys: KeySummary[] = [];
  loaded = false;
  private error?: string;

  constructor(
    private readonly load: () => Promise<{ keys: KeySummary[] }>,
    /** Data keys seen in loaded live sessions, or undefined when none were loaded yet. */
    private readonly seenLive: () => Set<string> | undefined,
  ) {}

  async refresh(): Promise<void> {
    try {
      this.keys = sortKeys((await this.load()).keys);
      this.error = undefined;
      this.loaded = true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.changed.fire();
  }

  /** Re-render (e.g. when live sessions changed what is "seen live"). */
  redraw(): void {
    this.changed.fire();
  }

  getChildren(node?: KeysNode): KeysNode[] {
    if (!node) {
      if (this.error) return [{ kind: 'message', text: `Could not read the keys: ${this.error}` }];
      return this.keys.map((key) => ({ kind: 'key', key }));
    }
    if (node.kind === 'key') return node.key.accesses.map((access) => ({ kind: 'access', key: node.key, access }));
    return [];
  }

  getTreeItem(node: KeysNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.command = { command: 'djangoSessions.keys.refresh', title: 'Retry' };
      return item;
    }
    if (node.kind === 'key') return this.keyItem(node.key);
    const { access } = node;
    const uri = vscode.Uri.parse(access.uri);
    const item = new vscode.TreeItem(`${vscode.workspace.asRelativePath(uri)}:${access.line + 1}`);
    item.description = access.valueType ? `${access.op} · ${access.valueType}` : access.op;
    item.iconPath = new vscode.ThemeIcon(opIcon[access.op] ?? 'symbol-key');
    item.contextValue = `access.${access.op}`;
    item.command = { command: 'djangoSessions.keys.open', title: 'Open Access', arguments: [access] };
    return item;
  }

  private keyItem(key: KeySummary): vscode.TreeItem {
    const item = new vscode.TreeItem(keyLabel(key), vscode.TreeItemCollapsibleState.Collapsed);
    item.description = keyDescription(key);
    const seen = this.seenLive();
    const unseen = seen !== undefined && neverSeenLive(key, seen);
    if (unseen) item.description += ' · never seen live';
    item.iconPath = new vscode.ThemeIcon(key.pattern ? 'regex' : key.builtin ? 'library' : unseen ? 'eye-closed' : 'symbol-key');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${key.pattern ? 'pattern ' : ''}\`${keyLabel(key)}\`**${key.builtin ? ' (written by Django or an installed app)' : ''}\n\n`);
    md.appendMarkdown(`${keyDescription(key)}`);
    if (unseen) md.appendMarkdown('\n\nNo loaded live session contains this key.');
    item.tooltip = md;
    item.contextValue = key.pattern ? 'key.pattern' : 'key';
    return item;
  }
}

const opIcon: Record<string, string> = { read: 'eye', write: 'edit', delete: 'trash', contains: 'search' };

export async function openAccess(access: KeyAccess): Promise<void> {
  const range = new vscode.Range(access.line, access.character, access.endLine, access.endCharacter);
  await vscode.window.showTextDocument(vscode.Uri.parse(access.uri), { selection: range, preview: true });
}
