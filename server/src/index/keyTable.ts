// The index's accesses by key, kept up to date file by file: re-resolving a file replaces its
// segment in the lists of the keys it touches (a few hundred items for a popular key), never a
// rebuild over every access of the workspace. Lists are in file order (the order files entered
// the index) and, within a file, in access order — as a full rebuild would give.
import type { SessionAccess } from '../facts/types';

export interface IndexedAccess {
  file: string;
  access: SessionAccess;
}

/** Since the last `takeStateChanges`: keys whose read state changed, and whether anything broader did. */
export interface StateChanges {
  /** Keys whose "is it read anywhere" flag changed, or whether every read unpacks the value (DS103 on tuples). */
  read: Set<string>;
  /** Keys that became (or stopped being) written: DS101 on their reads, and its "did you mean" on every unwritten read. */
  written: Set<string>;
  /** Patterns (`pref_*`) whose accesses changed: the keys they match may be checked differently. */
  patterns: Set<string>;
}

interface KeyEntry {
  list: IndexedAccess[];
  reads: number;
  writes: number;
  /** `read` accesses (not `contains`), and those of them that do not unpack the value at once. */
  valueReads: number;
  keptReads: number;
}

interface FileEntry {
  /** The file's accesses per concrete key. */
  concrete: Map<string, IndexedAccess[]>;
  patterns: IndexedAccess[];
  /** op:key of `patterns`, sorted, to tell when they changed. */
  patternSignature: string;
}

const isRead = (op: SessionAccess['op']) => op === 'read' || op === 'contains';

export class KeyTable {
  private readonly rank = new Map<string, number>();
  private nextRank = 0;
  private readonly files = new Map<string, FileEntry>();
  private readonly byKey = new Map<string, KeyEntry>();
  /** key -> its list (the same arrays as in `byKey`), the answer of `keys()`. */
  private readonly lists = new Map<string, IndexedAccess[]>();
  private patternList: IndexedAccess[] | null = [];
  private written: string[] | null = [];
  private changes: StateChanges = { read: new Set(), written: new Set(), patterns: new Set() };

  /** Replaces a file's accesses (first call: the file joins the end of the file order). */
  set(file: string, accesses: readonly SessionAccess[]): void {
    const old = this.files.get(file);
    if (!this.rank.has(file)) this.rank.set(file, this.nextRank++);
    const entry: FileEntry = { concrete: new Map(), patterns: [], patternSignature: '' };
    for (const access of accesses) {
      const item = { file, access };
      if (access.key === null || access.pattern) { entry.patterns.push(item); continue; }
      let list = entry.concrete.get(access.key);
      if (!list) entry.concrete.set(access.key, (list = []));
      list.push(item);
    }
    entry.patternSignature = signature(entry.patterns);
    this.files.set(file, entry);
    if (old) for (const [key, items] of old.concrete) if (!entry.concrete.has(key)) this.replace(key, file, items, []);
    for (const [key, items] of entry.concrete) this.replace(key, file, old?.concrete.get(key) ?? [], items);
    // Pattern items hold spans: the cached list goes whenever a file with patterns is replaced.
    if (entry.patterns.length > 0 || (old?.patterns.length ?? 0) > 0) this.patternList = null;
    if ((old?.patternSignature ?? '') !== entry.patternSignature) {
      this.notePatterns(old?.patterns ?? []);
      this.notePatterns(entry.patterns);
    }
  }

  delete(file: string): void {
    const old = this.files.get(file);
    if (old) {
      this.files.delete(file);
      for (const [key, items] of old.concrete) this.replace(key, file, items, []);
      if (old.patterns.length > 0) {
        this.patternList = null;
        this.notePatterns(old.patterns);
      }
    }
    this.rank.delete(file);
  }

  clear(): void {
    for (const file of [...this.files.keys()]) this.delete(file);
    this.rank.clear();
    this.nextRank = 0;
  }

  /** Accesses of one concrete key (do not mutate). */
  accessesOf(key: string): IndexedAccess[] {
    return this.byKey.get(key)?.list ?? [];
  }

  /** Every concrete key with its accesses (do not mutate). */
  keys(): ReadonlyMap<string, IndexedAccess[]> {
    return this.lists;
  }

  /** The keys some access writes, in key order. */
  writtenKeys(): readonly string[] {
    this.written ??= [...this.byKey].filter(([, entry]) => entry.writes > 0).map(([key]) => key);
    return this.written;
  }

  /** The keys read somewhere and written nowhere (where DS101 can be). */
  unwrittenReadKeys(): string[] {
    return [...this.byKey].filter(([, entry]) => entry.reads > 0 && entry.writes === 0).map(([key]) => key);
  }

  /** Accesses whose key is a pattern or unknowable (do not mutate). */
  patternAccesses(): IndexedAccess[] {
    if (!this.patternList) {
      const files = [...this.files].filter(([, entry]) => entry.patterns.length > 0);
      files.sort(([a], [b]) => this.rankOf(a) - this.rankOf(b));
      this.patternList = files.flatMap(([, entry]) => entry.patterns);
    }
    return this.patternList;
  }

  /** What changed since the last call (the LSP shell re-checks only the files that can be affected). */
  takeStateChanges(): StateChanges {
    const changes = this.changes;
    this.changes = { read: new Set(), written: new Set(), patterns: new Set() };
    return changes;
  }

  /** Unknowable keys (null) are left out: no check of another access depends on them. */
  private notePatterns(items: readonly IndexedAccess[]): void {
    for (const { access } of items) if (access.pattern && access.key !== null) this.changes.patterns.add(access.key);
  }

  /** Swaps `file`'s items of `key` (`before`, as last set) for `after`, in place, and notes state changes. */
  private replace(key: string, file: string, before: readonly IndexedAccess[], after: readonly IndexedAccess[]): void {
    let entry = this.byKey.get(key);
    if (!entry) {
      if (after.length === 0) return;
      entry = { list: [], reads: 0, writes: 0, valueReads: 0, keptReads: 0 };
      this.byKey.set(key, entry);
      this.lists.set(key, entry.list);
    }
    const wasRead = entry.reads > 0;
    const wasWritten = entry.writes > 0;
    const wasUnpacked = allUnpacked(entry);
    const at = this.firstOf(entry.list, file);
    entry.list.splice(at, before.length, ...after);
    for (const { access } of before) count(entry, access, -1);
    for (const { access } of after) count(entry, access, 1);
    if (wasRead !== entry.reads > 0 || wasUnpacked !== allUnpacked(entry)) this.changes.read.add(key);
    if (wasWritten !== entry.writes > 0) {
      this.changes.written.add(key);
      this.written = null;
    }
    if (entry.list.length === 0) {
      this.byKey.delete(key);
      this.lists.delete(key);
    }
  }

  /** Where `file`'s segment starts (or would start) in a list ordered by file rank. */
  private firstOf(list: readonly IndexedAccess[], file: string): number {
    const rank = this.rankOf(file);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rankOf(list[mid].file) < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private rankOf(file: string): number {
    return this.rank.get(file) ?? Infinity;
  }
}

function count(entry: KeyEntry, access: SessionAccess, by: number): void {
  if (access.op === 'write') entry.writes += by;
  else if (isRead(access.op)) entry.reads += by;
  if (access.op === 'read') {
    entry.valueReads += by;
    if (!access.unpacked) entry.keptReads += by;
  }
}

function allUnpacked(entry: KeyEntry): boolean {
  return entry.valueReads > 0 && entry.keptReads === 0;
}

function signature(items: readonly IndexedAccess[]): string {
  return items.map((p) => `${p.access.op}:${p.access.key ?? ''}`).sort().join('\u0000');
}
