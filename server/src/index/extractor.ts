// What the index needs from the facts layer, injected so the index can be tested with
// hand-built facts and so the parser is loaded once, before the walk.
import type { FileFacts, PassedSession, ProjectNames } from '../facts/types';
import type { FactsPool } from './factsPool';

export interface FactsExtractor {
  /** Loads what extraction needs (the tree-sitter wasm); called once before indexing. */
  ready(): Promise<void>;
  /** The cheap pre-filter: false means the file cannot hold a session access. */
  mayMentionSessions(text: string): boolean;
  /** The same pre-filter on a file's raw bytes (optional): lets the index skip decoding most files. */
  mayMentionSessionsInBytes?(bytes: Uint8Array): boolean;
  /** `open`: the file is an editor buffer, parsed again on every edit (the extractor may keep its tree to re-parse incrementally). */
  python(text: string, file: string, module: string | null, open?: boolean): FileFacts;
  /**
   * The facts of a file whose functions receive sessions from other files (`passed`, found by the
   * index from their `sessionCalls`); the whole file is walked. Optional: without it, no linking.
   */
  pythonWithSessions?(text: string, file: string, module: string | null, passed: readonly PassedSession[], open?: boolean): FileFacts;
  /** The facts of a whole file with the keys its defs named `makers` return (FileFacts.returnedKeys; optional). */
  pythonWithKeyMakers?(text: string, file: string, module: string | null, makers: ReadonlySet<string>): FileFacts;
  /**
   * What the index learnt from the whole project (functions taking a session key as a parameter,
   * request attributes holding a session): files naming them are extracted with them (optional).
   */
  setProjectNames?(names: ProjectNames): void;
  /** The file is no longer open: drop what `python(..., open = true)` kept. */
  closed?(file: string): void;
  template(text: string, file: string): FileFacts;
  /** Worker threads doing python()/template() for the initial index (optional; null when unavailable). */
  workers?(log: (message: string) => void): FactsPool | null;
}

/** Facts of a file that could not be parsed (binary, too large): known to the index, empty. */
export function emptyFacts(file: string, language: FileFacts['language'], module: string | null): FileFacts {
  return { file, language, module, accesses: [], mutations: [], constants: [], imports: [], syntaxErrors: 0 };
}
