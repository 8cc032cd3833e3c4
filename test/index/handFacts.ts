// Hand-built facts for index and feature tests: the extractor returns what the test declares
// per file, so the index's own logic (walk, modules, resolution, queries) is what is tested.
import type { FactsExtractor } from '../../server/src/index/extractor';
import { emptyFacts } from '../../server/src/index/extractor';
import type { FileFacts, SessionAccess, Span } from '../../server/src/facts/types';

export function span(line: number, start: number, end: number): Span {
  return { startLine: line, startColumn: start, endLine: line, endColumn: end };
}

export function access(key: string | null, op: SessionAccess['op'], at: Span, extra: Partial<SessionAccess> = {}): SessionAccess {
  return { key, pattern: false, op, span: at, source: { kind: 'literal' }, via: 'request.session', scope: '<module>', ...extra };
}

export type Declared = Partial<Omit<FileFacts, 'file' | 'module' | 'language'>>;

/** An extractor whose facts come from `declared` (by file); calls are counted per file. */
export function handExtractor(declared: Record<string, Declared>): FactsExtractor & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const build = (file: string, module: string | null, language: FileFacts['language']): FileFacts => {
    calls.set(file, (calls.get(file) ?? 0) + 1);
    return { ...emptyFacts(file, language, module), ...(declared[file] ?? {}) };
  };
  return {
    calls,
    ready: async () => undefined,
    mayMentionSessions: (text) => /session/i.test(text),
    python: (_text, file, module) => build(file, module, 'python'),
    template: (_text, file) => build(file, null, 'django-html'),
  };
}
