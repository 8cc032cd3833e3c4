// Live Sessions view: a node per store, sessions in pages, decoded data as a tree. Renders LiveModel.
import * as vscode from 'vscode';
import { childrenOf, maskKey, preview, statusKind, statusText, timeToExpiry, type StatusKind } from '../model/format';
import type { LiveModel, LiveSession, StoreState } from '../model/liveModel';

export type LiveNode =
  | { kind: 'store'; state: StoreState }
  | { kind: 'session'; session: LiveSession }
  | { kind: 'data'; session: LiveSession; name: string; value: unknown; top: boolean }
  | { kind: 'more'; storeId: string }
  | { kind: 'message'; text: string; icon: string; command?: vscode.Command };

export interface LiveViewOptions {
  maskKeys(): boolean;
  /** Keys code writes (or Django does); undefined until the keys are known. */
  writtenKeys(): Set<string> | undefined;
  hasSecret(): boolean;
}

const statusIcons: Record<StatusKind, [string, string]> = {
  valid: ['pass', 'testing.iconPassed'],
  expired: ['history', 'disabledForeground'],
  'bad-signature': ['shield', 'errorForeground'],
  'no-secret': ['lock', 'editorWarning.foreground'],
  legacy: ['archive', 'editorInfo.foreground'],
  undecodable: ['question', 'editorWarning.foreground'],
  unknown: ['question', 'editorWarning.foreground'],
};

export class LiveView implements vscode.TreeDataProvider<LiveNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly model: LiveModel, private readonly options: LiveViewOptions) {
    model.onChange(() => this.changed.fire());
  }

  redraw(): void {
    this.changed.fire();
  }

  getChildren(node?: LiveNode): LiveNode[] {
    if (!node) return this.roots();
    if (node.kind === 'store') return this.storeChildren(node.state);
    if (node.kind === 'session') return this.dataChildren(node.session, node.session.data, true);
    if (node.kind === 'data') return this.dataChildren(node.session, node.value, false);
    return [];
  }

  /** For TreeView.reveal: nodes are matched by the ids set in getTreeItem. */
  getParent(node: LiveNode): LiveNode | undefined {
    if (node.kind === 'session') {
      const state = this.model.stores.find((s) => s.store.id === node.session.storeId);
      return state ? { kind: 'store', state } : undefined;
    }
    if (node.kind === 'data' && node.top) return { kind: 'session', session: node.session };
    return undefined;
  }

  getTreeItem(node: LiveNode): vscode.TreeItem {
    switch (node.kind) {
      case 'store': return this.storeItem(node.state);
      case 'session': return this.sessionItem(node.session);
      case 'data': return this.dataItem(node);
      case 'more': {
        const item = new vscode.TreeItem('Load more…');
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'djangoSessions.live.loadMore', title: 'Load More Sessions', arguments: [node.storeId] };
        item.contextValue = 'loadMore';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.text;
        item.command = node.command;
        item.contextValue = 'message';
        return item;
      }
    }
  }

  private roots(): LiveNode[] {
    const m = this.model;
    // Empty, loading, untrusted and error states are the view's welcome content (package.json).
    if (m.state !== 'ready') return [];
    const roots: LiveNode[] = m.stores.map((state) => ({ kind: 'store', state }));
    if (m.filter) roots.unshift({ kind: 'message', text: `Filter: "${m.filter}"`, icon: 'filter', command: { command: 'djangoSessions.live.filter', title: 'Change Filter' } });
    if (!this.options.hasSecret()) {
      roots.push({ kind: 'message', text: 'Set SECRET_KEY to verify signatures', icon: 'key', command: { command: 'djangoSessions.setSecretKey', title: 'Set SECRET_KEY' } });
    }
    return roots;
  }

  private storeChildren(state: StoreState): LiveNode[] {
    const nodes: LiveNode[] = state.sessions.map((session) => ({ kind: 'session', session }));
    if (state.error) {
      nodes.push({ kind: 'message', text: state.error, icon: 'error', command: { command: 'djangoSessions.live.refresh', title: 'Retry' } });
    } else if (state.loading) {
      nodes.push({ kind: 'message', text: 'Loading…', icon: 'loading~spin' });
    } else if (state.hasMore) {
      nodes.push({ kind: 'more', storeId: state.store.id });
    } else if (!state.sessions.length && !state.warnings.length) {
      nodes.push({ kind: 'message', text: this.model.filter ? 'No session matches the filter.' : 'No session in this store.', icon: 'info' });
    }
    for (const w of state.warnings.slice(0, 20)) nodes.push({ kind: 'message', text: w, icon: 'warning' });
    return nodes;
  }

  private dataChildren(session: LiveSession, value: unknown, top: boolean): LiveNode[] {
    return childrenOf(value).map(({ name, value: v }) => ({ kind: 'data', session, name, value: v, top }));
  }

  private storeItem(state: StoreState): vscode.TreeItem {
    const item = new vscode.TreeItem(state.store.label, vscode.TreeItemCollapsibleState.Expanded);
    const count = state.total !== undefined ? `${state.total} sessions` : `${state.sessions.length}${state.hasMore ? '+' : ''} sessions`;
    item.description = `${state.store.backend} · ${count}`;
    item.tooltip = `${state.store.engine} store (${state.store.backend})${state.store.detectedFrom ? `, from ${state.store.detectedFrom}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(state.error ? 'warning' : 'database');
    item.contextValue = 'store';
    item.id = `store:${state.store.id}`;
    return item;
  }

  private sessionItem(s: LiveSession): vscode.TreeItem {
    const kind = statusKind(s.status);
    const label = this.options.maskKeys() ? maskKey(s.key) : s.key;
    const item = new vscode.TreeItem(label, s.data && typeof s.data === 'object' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const user = s.user ? `user ${s.user}` : 'anonymous';
    item.description = `${user} · ${timeToExpiry(s.expires)}`;
    const [icon, color] = statusIcons[kind];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${statusText[kind]}**${s.reason ? `: ${escape(s.reason)}` : ''}\n\n`);
    md.appendMarkdown(`${user} · ${timeToExpiry(s.expires)}${s.expires ? ` (${s.expires})` : ''} · ${s.size} bytes`);
    item.tooltip = md;
    item.contextValue = `session.${kind}`;
    item.id = `session:${s.handle}`;
    return item;
  }

  private dataItem(node: Extract<LiveNode, { kind: 'data' }>): vscode.TreeItem {
    const nested = childrenOf(node.value).length > 0;
    const item = new vscode.TreeItem(node.name, nested ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = preview(node.value);
    item.tooltip = preview(node.value, 2000);
    item.contextValue = 'data';
    if (node.top) {
      const written = this.options.writtenKeys();
      if (written?.has(node.name)) {
        item.contextValue = 'dataKey.written';
        item.iconPath = new vscode.ThemeIcon('symbol-key');
      } else if (written) {
        item.contextValue = 'dataKey.unknown';
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
        item.description = `${item.description} · no code writes this key`;
      }
    }
    return item;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
