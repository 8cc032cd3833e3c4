// Status bar item: index progress, then the number of session keys; click shows the keys view.
import * as vscode from 'vscode';
import type { IndexState } from '../../common/protocol';

export class IndexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('djangoSessions.index', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Django Sessions';
    this.item.command = 'djangoSessions.keys.focus';
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.item.text = '$(sync~spin) Django Sessions';
    this.item.tooltip = 'Starting the Django Sessions language server…';
    this.item.backgroundColor = undefined;
  }

  stopped(reason: string): void {
    this.item.text = '$(error) Django Sessions';
    this.item.tooltip = `${reason} Click to show the output.`;
    this.item.command = 'djangoSessions.showOutput';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  update(state: IndexState): void {
    this.item.command = 'djangoSessions.keys.focus';
    this.item.backgroundColor = undefined;
    if (state.state === 'indexing') {
      const progress = state.filesTotal ? ` ${state.filesDone}/${state.filesTotal}` : '';
      this.item.text = `$(sync~spin) Session keys: indexing${progress}`;
      this.item.tooltip = 'Django Sessions is indexing the workspace.';
    } else if (state.state === 'ready') {
      this.item.text = `$(key) ${state.keys} session key${state.keys === 1 ? '' : 's'}`;
      const files = state.filesTotal ? ` in ${state.filesTotal} files` : '';
      this.item.tooltip = `Django Sessions: ${state.keys} session keys${files}. Click to show them.`;
    } else {
      this.stopped(`Indexing failed${state.message ? `: ${state.message}` : ''}.`);
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
