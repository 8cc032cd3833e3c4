// What defs of the project's modules return as keys, asked for by a ReturnedRef
// (`self.quiz.anon_q_list()` in a view, `def anon_q_list(self): return str(self.id) + "_q_list"` in
// the models module): the file is walked whole for that name, once, until it changes.
import type { FileFacts, ReturnedKey } from '../facts/types';
import { languageOf, type DecodedSource } from './files';

export interface ReturnedKeysHost {
  fileOfModule(module: string): string | undefined;
  /** A file's text as the editor holds it, else as the disk does. */
  sourceOf(file: string): DecodedSource;
  /** The extractor's walk of a whole file recording what the defs named `makers` return (undefined: the extractor cannot). */
  extract(text: string, file: string, module: string, makers: ReadonlySet<string>): FileFacts | undefined;
  log(message: string): void;
}

export class ReturnedKeys {
  private readonly byFile = new Map<string, Map<string, ReturnedKey | null | undefined>>();

  constructor(private readonly host: ReturnedKeysHost) {}

  /** What the def named `name` of `module` returns: undefined when the module has no such def, null when no key. */
  of(module: string, name: string): ReturnedKey | null | undefined {
    const file = this.host.fileOfModule(module);
    if (!file || languageOf(file) !== 'python') return undefined;
    let byName = this.byFile.get(file);
    if (!byName) this.byFile.set(file, (byName = new Map()));
    if (byName.has(name)) return byName.get(name);
    let result: ReturnedKey | null | undefined;
    const source = this.host.sourceOf(file);
    if ('text' in source && source.text.includes(`def ${name}`)) {
      try {
        const found = this.host.extract(source.text, file, module, new Set([name]))?.returnedKeys
          ?.filter((r) => r.function === name || r.function.endsWith(`.${name}`)) ?? [];
        // Several defs of that name (two classes) count when they agree.
        result = found.length > 0 && found.every((r) => r.key === found[0].key && r.pattern === found[0].pattern) ? found[0] : null;
      } catch (e) {
        this.host.log(`facts extraction failed for ${file}: ${e instanceof Error ? e.message : 'error'}`);
      }
    }
    byName.set(name, result);
    return result;
  }

  /** The file changed (or went). */
  forget(file: string): void {
    this.byFile.delete(file);
  }

  /** Module names changed. */
  clear(): void {
    this.byFile.clear();
  }
}
