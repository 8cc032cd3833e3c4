// Diagnostics publishing, sending only what changed. Two paths: `publishFiles` sends the given
// documents at once (the edited one, right after its re-analysis); `schedule` debounces a
// recompute of every indexed file (keys are cross-file, so an edit here can clear a warning there).
import type { Connection, Diagnostic } from 'vscode-languageserver';

export class DiagnosticsPublisher {
  private timer: NodeJS.Timeout | undefined;
  private readonly sent = new Map<string, string>();

  /** `versionOf`: the version of an open document, sent along (the client can drop stale diagnostics). */
  constructor(private readonly connection: Connection, private readonly compute: () => Map<string, Diagnostic[]>,
    private readonly versionOf: (uri: string) => number | undefined = () => undefined, private readonly delayMs = 150) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; this.publishNow(); }, this.delayMs);
  }

  publishNow(): void {
    let all: Map<string, Diagnostic[]>;
    try {
      all = this.compute();
    } catch (error) {
      this.connection.console.error(`diagnostics failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const uri of this.sent.keys()) if (!all.has(uri)) all.set(uri, []);
    this.send(all);
  }

  /** Sends the diagnostics of some documents now (those that changed since last sent). */
  publishFiles(some: Map<string, Diagnostic[]>): void {
    this.send(some);
  }

  private send(diagnosticsByUri: Map<string, Diagnostic[]>): void {
    for (const [uri, diagnostics] of diagnosticsByUri) {
      const fingerprint = JSON.stringify(diagnostics);
      if (this.sent.get(uri) === fingerprint) continue;
      this.sent.set(uri, fingerprint);
      const version = this.versionOf(uri);
      void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
