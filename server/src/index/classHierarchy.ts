// What the project's classes are made of, across files: which derive from which (keys a base class
// reads from `self` and its subclasses define, SubclassRef) and which define a method taking a
// session key (`strategy.session_set('k', v)` on an object of unknown class, ANY_CLASS). Built from
// the files' facts on the first question after a change.
import type { ClassFact, FileFacts } from '../facts/types';

export interface ClassRef {
  module: string;
  name: string;
}

export class ClassHierarchy {
  /** Each file's classes as last noted (JSON), to tell a change of the hierarchy from other edits. */
  private readonly noted = new Map<string, string>();
  private subclasses: Map<string, ClassRef[]> | null = null;
  private keyMethods: Map<string, ClassRef[]> | null = null;

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
    const methods = facts ? keyMethodsOf(facts) : [];
    const shape = facts?.module && (facts.classes?.length || methods.length) ? JSON.stringify([facts.module, facts.classes, methods]) : undefined;
    if (shape === this.noted.get(file)) return false;
    if (shape === undefined) this.noted.delete(file);
    else this.noted.set(file, shape);
    this.invalidate();
    return true;
  }

  /** Builds again on the next question (module names changed). */
  invalidate(): void {
    this.subclasses = null;
    this.keyMethods = null;
  }

  /** The key-taking methods named `name` (`Class.name` of their modules), one per class. */
  keyMethodsNamed(name: string): ClassRef[] {
    if (!this.keyMethods) {
      this.keyMethods = new Map();
      for (const facts of this.files()) {
        if (!facts.module) continue;
        for (const qualified of keyMethodsOf(facts)) {
          const method = qualified.slice(qualified.indexOf('.') + 1);
          const list = this.keyMethods.get(method) ?? [];
          list.push({ module: facts.module, name: qualified });
          this.keyMethods.set(method, list);
        }
      }
    }
    return this.keyMethods.get(name) ?? [];
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

/** `Class.method` of the file's top-level classes' methods that take a session key, each once. */
function keyMethodsOf(facts: FileFacts): string[] {
  const out = new Set<string>();
  for (const p of facts.keyParameters ?? []) {
    if (p.method && p.function.indexOf('.') === p.function.lastIndexOf('.') && p.function.includes('.')) out.add(p.function);
  }
  return [...out];
}
