// Which files the index reads, and how their bytes become text: binary files (a NUL byte) are
// skipped, invalid UTF-8 is decoded leniently (U+FFFD), and big files are not parsed.
import { readFileSync } from 'node:fs';

/** Files above this size are listed but not parsed (generated code, data dumps). */
export const MAX_PARSE_BYTES = 2 * 1024 * 1024;

export type SourceLanguage = 'python' | 'django-html';

/** `*.py`, or `*.html` / `*.txt` somewhere under a `templates/` directory. */
export function languageOf(relativePath: string): SourceLanguage | null {
  if (relativePath.endsWith('.py') || relativePath.endsWith('.pyi')) return 'python';
  if ((relativePath.endsWith('.html') || relativePath.endsWith('.txt')) &&
      (relativePath.startsWith('templates/') || relativePath.includes('/templates/'))) return 'django-html';
  return null;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export type DecodedSource = { text: string } | { skipped: 'binary' | 'too-large'; bytes: number };

export function decodeSource(bytes: Uint8Array): DecodedSource {
  if (bytes.length > MAX_PARSE_BYTES) return { skipped: 'too-large', bytes: bytes.length };
  if (bytes.indexOf(0) !== -1) return { skipped: 'binary', bytes: bytes.length };
  return { text: decoder.decode(bytes) };
}

/** The same limits for text that arrives from the editor (didOpen/didChange). */
export function checkText(text: string): DecodedSource {
  if (text.length > MAX_PARSE_BYTES) return { skipped: 'too-large', bytes: text.length };
  if (text.includes('\0')) return { skipped: 'binary', bytes: text.length };
  return { text };
}

/** What reading a file from disk gave: its text, why it is not parsed, or why it could not be read. */
export type ReadSource = DecodedSource | { unreadable: string };

/**
 * Reads and decodes a file; null when `bytesFilter` rejects a readable text file (checked on the
 * raw bytes, before decoding). The same on the main thread and in the facts workers.
 */
export function readSource(absolutePath: string, bytesFilter?: (bytes: Uint8Array) => boolean): ReadSource | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (e) {
    return { unreadable: (e as NodeJS.ErrnoException).code ?? 'error' };
  }
  if (bytesFilter && bytes.length <= MAX_PARSE_BYTES && bytes.indexOf(0) === -1 && !bytesFilter(bytes)) return null;
  return decodeSource(bytes);
}
