// The real facts layer behind the index's FactsExtractor: tree-sitter parse, extract, delete the tree
// (open documents keep theirs in syntax/treeCache.ts, for incremental re-parsing).
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { extractPythonFacts } from '../facts/python';
import { NO_PROJECT_NAMES, type ProjectNames } from '../facts/types';
import { mayMentionSessions, mayMentionSessionsInBytes, mentionsAnyOf } from '../facts/prefilter';
import { extractTemplateFacts } from '../facts/template';
import { initPythonParser, parsePython, parseRanges } from '../syntax/python';
import { sessionRanges } from '../syntax/topLevel';
import { documentTrees, forgetDocumentTree } from '../syntax/treeCache';
import type { FactsExtractor } from './extractor';
import { defaultWorkerCount, FactsPool } from './factsPool';

export function djangoExtractor(): FactsExtractor {
  let parser: Parser | undefined;
  let names: ProjectNames = NO_PROJECT_NAMES;
  /** The project's names, as words the range scanner keeps the blocks of. */
  let words: ReadonlySet<string> = new Set();
  const rangesOf = (text: string) => (mayMentionSessions(text) || mentionsAnyOf(text, words) ? sessionRanges(text, undefined, words) : null);
  return {
    ready: async () => { parser ??= await initPythonParser(); },
    mayMentionSessions,
    mayMentionSessionsInBytes,
    setProjectNames: (project) => {
      names = project;
      words = new Set([...project.keyHelpers, ...project.requestSessions]);
    },
    python(text, file, module, open) {
      if (!parser) throw new Error('the Python parser is not loaded (call ready() first)');
      // Open documents: the shared per-document tree (incremental re-parse, also used by the features).
      // Its whole tree is kept for the features; the facts walk visits only the blocks that can matter.
      if (open) return extractPythonFacts(documentTrees(parser).get(file, text), text, file, module, rangesOf(text) ?? undefined, [], names);
      // Only the top-level blocks that can hold a session access (syntax/topLevel.ts), when that skips enough.
      // (Files that never mention one — constants modules read on demand — are parsed whole.)
      const ranges = rangesOf(text);
      const tree = ranges ? parseRanges(parser, text, ranges) ?? parsePython(parser, text) : parsePython(parser, text);
      try {
        return extractPythonFacts(tree, text, file, module, undefined, [], names);
      } finally {
        tree.delete();
      }
    },
    pythonWithSessions(text, file, module, passed, open) {
      if (!parser) throw new Error('the Python parser is not loaded (call ready() first)');
      // A callee of another file's session (rare): its helpers need not mention "session", so the whole tree.
      if (open) return extractPythonFacts(documentTrees(parser).get(file, text), text, file, module, undefined, passed, names);
      const tree = parsePython(parser, text);
      try {
        return extractPythonFacts(tree, text, file, module, undefined, passed, names);
      } finally {
        tree.delete();
      }
    },
    pythonWithKeyMakers(text, file, module, makers) {
      if (!parser) throw new Error('the Python parser is not loaded (call ready() first)');
      const tree = parsePython(parser, text);
      try {
        return extractPythonFacts(tree, text, file, module, undefined, [], { ...names, keyMakers: makers });
      } finally {
        tree.delete();
      }
    },
    closed: (file) => forgetDocumentTree(file),
    template: (text, file) => extractTemplateFacts(text, file),
    // Bundled beside the shell (dist/factsWorker.js); from source (tests under tsx) there is none.
    workers: (log) => FactsPool.start(join(__dirname, 'factsWorker.js'), defaultWorkerCount(), log),
  };
}
