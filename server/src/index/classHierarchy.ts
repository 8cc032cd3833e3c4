// Which classes of the project derive from which: for keys a base class reads from `self` and its
// subclasses define (SubclassRef). Built from the files' ClassFacts on the first question after a
// change; most projects never ask, since only `self.<name>` keys in methods do.
import type { ClassFact, FileFacts } from '../facts/types';

export interface ClassRef {
  module: string;
  name: string;
}

export class ClassHierarchy {
  /** Each file's classes as last noted (JSON), to tell a change of the hierarchy from other edits. */
  private readonly noted = new Map<string, string>();
  private subclasses: Map<string, ClassRef[]> | null = null;

  /**
   * @param files every file's current facts
   * @param definitionOf where `module.name` is defined, re-exports followed (`from .models import Base`
   *   in a package's __init__): a base named through a re-export is the class it re-exports
   */
  constructor(
    private readonly files: () => Iterable<FileFacts>,
    private readonly definitionOf: (module: string, name: string) => ClassRef | undefined,
  ) {}

  /** Records a file's classes (undefined: the file is gone); true when they changed. */
  note(file: string, facts: FileFacts | undefined): boolean {
    const classes = facts?.classes?.length && facts.module ? JSON.stringify([facts.module, facts.classes]) : undefined;
    if (classes === this.noted.get(file)) return false;
    if (classes === undefined) this.noted.delete(file);
    else this.noted.set(file, classes);
    this.subclasses = null;
    return true;
  }

  /** Builds again on the next question (module names changed). */
  invalidate(): void {
    this.subclasses = null;
  }

  /** The classes naming `module.name` among their bases. */
  subclassesOf(module: string, name: string): ClassRef[] {
    this.subclasses ??= this.build();
    return this.subclasses.get(`${module}:${name}`) ?? [];
  }

  private build(): Map<string, ClassRef[]> {
    const out = new Map<string, ClassRef[]>();
    const defined = new Map<string, ClassRef | undefined>();
    const add = (base: ClassRef, sub: ClassRef) => {
      const key = `${base.module}:${base.name}`;
      const list = out.get(key);
      if (list) list.push(sub);
      else out.set(key, [sub]);
    };
    for (const facts of this.files()) {
      if (!facts.classes || !facts.module) continue;
      for (const cls of facts.classes as ClassFact[]) {
        const sub = { module: facts.module, name: cls.name };
        for (const base of cls.bases) {
          add(base, sub);
          const key = `${base.module}:${base.name}`;
          if (!defined.has(key)) defined.set(key, this.definitionOf(base.module, base.name));
          const at = defined.get(key);
          if (at && (at.module !== base.module || at.name !== base.name)) add(at, sub);
        }
      }
    }
    return out;
  }
}
