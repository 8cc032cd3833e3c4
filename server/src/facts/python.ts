// Session facts of one Python file. See python/walker.ts for the walk and python/*.ts for each
// kind of fact. Never throws: a broken tree yields what parsed, and syntaxErrors counts the rest.
import type { Range } from 'web-tree-sitter';
import type { Tree } from '../syntax/python';
import { mayMentionSessions } from './prefilter';
import { type SessionArgument, type WalkResult, walkPython } from './python/walker';
import type { FileFacts } from './types';

export { mayMentionSessions } from './prefilter';

/** Parameters that receive a session at a call site in this file, as `function:param`. */
function sessionParameters(result: WalkResult): Set<string> {
  const found = new Set<string>();
  const add = (call: SessionArgument) => {
    for (const shape of result.functions.get(call.callee) ?? []) {
      // Called as self.f(...): skip the method's own self; a plain f(...) call targets functions only.
      if (call.viaSelf !== shape.method) continue;
      const params = shape.method ? shape.params.slice(1) : shape.params;
      const name = call.keyword ?? (call.position !== null ? params[call.position] : undefined);
      if (name !== undefined && params.includes(name)) found.add(`${call.callee}:${name}`);
    }
  };
  result.sessionArguments.forEach(add);
  return found;
}

/** Bounded re-walks: a session passed along a chain of helpers needs one more walk per hop. */
const MAX_WALKS = 4;

/** `ranges`: only the nodes inside them are walked (syntax/topLevel.ts sessionRanges of `text`). */
export function extractPythonFacts(tree: Tree, text: string, file: string, module: string | null, ranges?: readonly Range[]): FileFacts {
  const shallow = !mayMentionSessions(text);
  let params = new Set<string>();
  let result = walkPython(tree, text, file, module, params, shallow, ranges);
  for (let walks = 1; walks < MAX_WALKS && !shallow; walks++) {
    const next = sessionParameters(result);
    for (const p of params) next.add(p);
    if (next.size === params.size) break;
    params = next;
    result = walkPython(tree, text, file, module, params, shallow, ranges);
  }
  return result.facts;
}
