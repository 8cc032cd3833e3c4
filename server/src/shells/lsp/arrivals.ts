// Counts didChange notifications as they arrive on the transport, before vscode-jsonrpc's queue
// hands them to the handlers (one per tick). The server can then see that a newer change is
// already waiting and apply only the last of a burst: coalescing without a timer, so an edit
// typed after a quiet moment is analysed at once.
import type { Readable } from 'node:stream';

const METHOD = 'textDocument/didChange';
const QUOTED = `"${METHOD}"`;

export class ChangeArrivals {
  private arrived = 0;
  private handled = 0;
  /** The end of the previous chunk, for a method name split across two chunks. */
  private tail = '';

  /** The stdio transport: Content-Length framed JSON, scanned for the method name. */
  watchStream(stream: Readable): void {
    stream.on('data', (chunk: Buffer | string) => this.scan(typeof chunk === 'string' ? chunk : chunk.toString('latin1')));
  }

  /** The node-ipc transport: one object per message. */
  watchIpc(proc: NodeJS.Process): void {
    proc.on('message', (message: { method?: unknown } | null) => {
      if (message?.method === METHOD) this.arrived++;
    });
  }

  scan(text: string): void {
    const s = this.tail + text;
    for (let i = s.indexOf(QUOTED); i !== -1; i = s.indexOf(QUOTED, i + QUOTED.length)) this.arrived++;
    this.tail = s.slice(-(QUOTED.length - 1));
  }

  /** One change reached its handler; true when another one has arrived after it and waits its turn. */
  handledOne(): boolean {
    this.handled++;
    // Fewer counted than handled (a form the scan missed): trust the handlers.
    if (this.arrived < this.handled) this.arrived = this.handled;
    return this.arrived > this.handled;
  }

  /** Forget a count that no handler will match (e.g. the method name inside a document's text). */
  settle(): void {
    this.handled = this.arrived;
  }
}
