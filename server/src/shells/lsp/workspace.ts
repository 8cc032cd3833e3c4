// The server's view of the workspace folder: URIs <-> workspace-relative paths, and the text of
// a file (the open editor buffer first, else the disk).
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { decodeSource } from '../../index/files';

/** URIs kept per path: references and diagnostics ask for the same few thousand again and again. */
const MAX_URIS = 200_000;

export class WorkspaceFolder {
  private readonly uris = new Map<string, string>();

  constructor(readonly root: string, private readonly documents: TextDocuments<TextDocument>) {}

  /** The workspace-relative POSIX path of a `file:` URI inside the folder, else null. */
  fileOf(uri: string): string | null {
    let path: string;
    try {
      const parsed = URI.parse(uri);
      if (parsed.scheme !== 'file') return null;
      path = parsed.fsPath;
    } catch {
      return null;
    }
    const rel = relative(this.root, path);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
    return rel.split(sep).join('/');
  }

  uriOf(file: string): string {
    let uri = this.uris.get(file);
    if (uri === undefined) {
      if (this.uris.size >= MAX_URIS) this.uris.clear();
      uri = URI.file(`${this.root}/${file}`).toString();
      this.uris.set(file, uri);
    }
    return uri;
  }

  textOf(file: string): string | undefined {
    const open = this.documents.get(this.uriOf(file));
    if (open) return open.getText();
    try {
      const source = decodeSource(readFileSync(`${this.root}/${file}`));
      return 'text' in source ? source.text : undefined;
    } catch {
      return undefined;
    }
  }
}
