// Sessions passed to a function of another file: `add_item(request.session)` in a view, `def
// add_item(store, sku): store['cart'] = ...` in a helper module. Facts stay per file: the caller's
// facts list the call (`sessionCalls`); linking finds the callee's file and asks for that file's
// facts again with the sessions its functions receive (`passed`). The callee may pass the session
// on (its new facts have sessionCalls too), up to MAX_HOPS files away. Cycles end: a file is
// extracted again only when it receives something new, and what it can receive is finite.
import type { FileFacts, PassedSession } from '../facts/types';

export interface LinkContext {
  /** The files whose own facts pass a session to an imported function. */
  callers: Iterable<FileFacts>;
  /** The file defining `module.name` and its name there (re-exports followed); adds each module looked at to `seen`. */
  fileOfFunction(module: string, name: string, seen: Set<string>): { file: string; name: string } | undefined;
  /** The file's facts when its functions receive `passed` (the index caches them); undefined when it cannot be read. */
  factsWith(file: string, passed: readonly PassedSession[]): FileFacts | undefined;
}

export interface Links {
  /** Callee file → its facts with the sessions it receives (they replace the file's own facts). */
  facts: Map<string, FileFacts>;
  /** Modules looked at while linking, found or not: a change to one of them may change the links. */
  modules: Set<string>;
}

export const NO_LINKS: Links = { facts: new Map(), modules: new Set() };

/** How many files away from a real session a helper still receives it. */
export const MAX_HOPS = 4;

export function passKey(passed: PassedSession): string {
  return `${passed.function}:${passed.position ?? ''}:${passed.keyword ?? ''}${passed.bound ? ':bound' : ''}`;
}

export function linkSessionCalls(context: LinkContext): Links {
  const received = new Map<string, Map<string, PassedSession>>();
  const facts = new Map<string, FileFacts>();
  const modules = new Set<string>();
  let frontier = [...context.callers];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const grown = new Set<string>();
    for (const caller of frontier) {
      for (const call of caller.sessionCalls ?? []) {
        const target = context.fileOfFunction(call.module, call.function, modules);
        if (!target) continue;
        let passes = received.get(target.file);
        if (!passes) received.set(target.file, (passes = new Map()));
        const passed: PassedSession = { function: target.name, position: call.position, keyword: call.keyword, ...(call.bound ? { bound: true as const } : {}) };
        const key = passKey(passed);
        if (passes.has(key)) continue;
        passes.set(key, passed);
        grown.add(target.file);
      }
    }
    frontier = [];
    for (const file of grown) {
      // Sorted, so the same sessions give the same cache key whatever order they were found in.
      const passes = [...received.get(file)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
      const extracted = context.factsWith(file, passes);
      if (!extracted) continue;
      facts.set(file, extracted);
      frontier.push(extracted);
    }
  }
  return { facts, modules };
}
