// The real facts layer behind the index's FactsExtractor: tree-sitter parse, extract, delete the tree.
import type { Parser } from 'web-tree-sitter';
import { extractPythonFacts } from '../facts/python';
import { mayMentionSessions } from '../facts/prefilter';
import { extractTemplateFacts } from '../facts/template';
import { initPythonParser, parsePython } from '../syntax/python';
import type { FactsExtractor } from './extractor';

export function djangoExtractor(): FactsExtractor {
  let parser: Parser | undefined;
  return {
    ready: async () => { parser ??= await initPythonParser(); },
    mayMentionSessions,
    python(text, file, module) {
      if (!parser) throw new Error('the Python parser is not loaded (call ready() first)');
      const tree = parsePython(parser, text);
      try {
        return extractPythonFacts(tree, text, file, module);
      } finally {
        tree.delete();
      }
    },
    template: (text, file) => extractTemplateFacts(text, file),
  };
}
