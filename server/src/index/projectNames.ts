// Names learnt from the whole project that change how other files are read (ProjectNames: helpers
// taking a session key, request attributes holding a session), and the search for the files that
// use them: a caller of `remember(request, 'theme')` need not say "session", so the walk may have
// skipped it. Each word searched is remembered with its files and kept current by every edit.
import { join } from 'node:path';
import type { FileFacts, ProjectNames } from '../facts/types';
import { readSource } from './files';

const SESSIONISH = /session/i;
/** Files read between two yields of a background search. */
const SEARCH_CHUNK = 256;
/** Searched words remembered (with the files containing them). */
const MAX_SEARCHED_WORDS = 64;
/** Function names too common to search the tree for (a `get(request, key)` helper is found where its callers say "session"). */
const COMMON_NAMES = new Set(['get', 'set', 'pop', 'put', 'save', 'load', 'read', 'write', 'store', 'fetch', 'update', 'delete', 'remove',
  'clear', 'reset', 'keys', 'items', 'values', 'setdefault', 'create', 'add', 'append', 'value', 'data', 'main', 'run', 'call', 'handle',
  'process', 'check', 'test', 'view', 'index', 'show', 'list', 'detail']);

/** Whether a file's facts add to the project's names: its changes may change other files. */
export const namesProject = (facts: FileFacts | undefined): boolean => facts?.keyParameters !== undefined || facts?.requestSessions !== undefined;

/**
 * Key-taking helpers whose own name and module never say "session" (others are found anyway), and
 * request attributes some file sets to a session.
 */
export function collectProjectNames(files: Iterable<FileFacts>): ProjectNames {
  const keyHelpers = new Set<string>();
  const requestSessions = new Set<string>();
  for (const facts of files) {
    for (const name of facts.requestSessions ?? []) requestSessions.add(name);
    if (!facts.keyParameters || SESSIONISH.test(facts.module ?? facts.file)) continue;
    // Module-level functions only, with names worth searching the tree for: a method called
    // `get` or `save` would name every file (its callers are found where the file says "session").
    for (const p of facts.keyParameters) {
      if (p.method || p.function.includes('.') || SESSIONISH.test(p.function) || p.function.length < 4 || COMMON_NAMES.has(p.function)) continue;
      keyHelpers.add(p.function);
    }
  }
  return { keyHelpers, requestSessions };
}

/** What a file using the names contains: a helper's name, `.saml_session` (the two cannot collide). */
export function wordsOf(names: ProjectNames): Set<string> {
  return new Set([...names.keyHelpers, ...[...names.requestSessions].map((a) => `.${a}`)]);
}

export interface WordSearchHost {
  root: string;
  /** The workspace's Python files as known now. */
  pythonFiles(): string[];
  isKnown(file: string): boolean;
  /** Editor buffers by file: searched as they are, never read from disk. */
  openTexts(): ReadonlyMap<string, string>;
  /** The words the project uses now: a background search starts over when they change. */
  wanted(): ReadonlySet<string>;
  /** A background search found the files of `words` (the index extracts them again and tells the shell). */
  found(words: readonly string[]): void;
  log(message: string): void;
}

/** For each word searched, the Python files containing it. */
export class WordSearch {
  private readonly files = new Map<string, Set<string>>();
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly host: WordSearchHost) {}

  searched(word: string): boolean {
    return this.files.has(word);
  }

  /** The files containing one of `words` (searched before). */
  filesNaming(words: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const w of words) for (const file of this.files.get(w) ?? []) out.add(file);
    return out;
  }

  /** Keeps the files of each word current with a file's new text (null: the file is gone). */
  note(file: string, text: string | null): void {
    for (const [word, files] of this.files) {
      if (text !== null && text.includes(word)) files.add(file);
      else files.delete(file);
    }
  }

  /** Searches the tree for `words` at once. */
  searchNow(words: readonly string[]): void {
    const search = this.search(words);
    let step = search.next();
    while (!step.done) step = search.next();
    this.remember(words, step.value);
  }

  /**
   * Searches the tree for the wanted words not searched yet, a few hundred files at a time, yielding
   * between chunks. A change of the words during the search starts it over (a helper being renamed
   * keystroke by keystroke costs one search).
   */
  searchInBackground(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const words = [...this.host.wanted()].filter((w) => !this.files.has(w));
        if (words.length === 0) return;
        const search = this.search(words);
        let step: IteratorResult<void, Set<string>[]> | undefined;
        do {
          await new Promise<void>((resolve) => setImmediate(resolve));
          // The words changed while this search waited: start over with the new ones.
          if (this.again) break;
          step = search.next();
        } while (!step.done);
        if (!step?.done) continue;
        this.remember(words, step.value);
        this.host.found(words);
      } while (this.again);
    })().catch((e: unknown) => this.host.log(`searching the project's names failed: ${e instanceof Error ? e.message : 'error'}`))
      .finally(() => { this.running = null; });
  }

  /** Resolves when no background search is running. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * For each word, the Python files that contain it: editor buffers as they are at the end, other
   * files read from disk. Yields every SEARCH_CHUNK files.
   */
  private *search(words: readonly string[]): Generator<void, Set<string>[]> {
    const needles = words.map((w) => Buffer.from(w));
    const found = words.map(() => new Set<string>());
    const note = (file: string, text: string) => words.forEach((w, k) => { if (text.includes(w)) found[k].add(file); else found[k].delete(file); });
    const open = this.host.openTexts();
    const files = this.host.pythonFiles().filter((f) => !open.has(f));
    for (let i = 0; i < files.length; i++) {
      if (i % SEARCH_CHUNK === 0 && i > 0) yield;
      if (!this.host.isKnown(files[i])) continue;
      const text = this.textNaming(files[i], needles);
      if (text !== null) note(files[i], text);
    }
    for (const [file, text] of this.host.openTexts()) note(file, text);
    return found;
  }

  /** The text of a Python file (editor buffer, else disk) if it contains one of `needles`; null otherwise. */
  private textNaming(file: string, needles: readonly Buffer[]): string | null {
    const open = this.host.openTexts().get(file);
    if (open !== undefined) return open;
    const named = (bytes: Uint8Array) => {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return needles.some((n) => buffer.indexOf(n) !== -1);
    };
    const source = readSource(join(this.host.root, file), named);
    return source && 'text' in source ? source.text : null;
  }

  private remember(words: readonly string[], found: readonly Set<string>[]): void {
    words.forEach((w, i) => this.files.set(w, found[i]));
    // Words long gone: the oldest searches go first.
    const wanted = this.host.wanted();
    for (const w of this.files.keys()) {
      if (this.files.size <= MAX_SEARCHED_WORDS) break;
      if (!wanted.has(w)) this.files.delete(w);
    }
  }
}
