// A cheap text test run before any tree-sitter call on a node: can this node's source mention a
// session at all? True when its text contains "session"/"Session" or a name the walk has bound to
// a session (alias, stored value, store class). Offsets of each word are found once per file, so a
// test is a binary search, not a scan.

export class SessionGate {
  private readonly positions = new Map<string, number[]>();

  constructor(private readonly text: string, words: readonly string[] = ['session', 'Session']) {
    for (const word of words) this.add(word);
  }

  /** Whether any recognized word occurs in the text at all. */
  get any(): boolean {
    for (const found of this.positions.values()) if (found.length > 0) return true;
    return false;
  }

  /** Starts recognizing a bound name (idempotent). */
  add(word: string): void {
    if (word.length === 0 || this.positions.has(word)) return;
    const found: number[] = [];
    for (let i = this.text.indexOf(word); i >= 0; i = this.text.indexOf(word, i + word.length)) found.push(i);
    this.positions.set(word, found);
  }

  /** Whether any recognized word lies entirely inside [start, end). */
  mentions(start: number, end: number): boolean {
    for (const [word, found] of this.positions) {
      let lo = 0;
      let hi = found.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (found[mid] < start) lo = mid + 1;
        else hi = mid;
      }
      if (lo < found.length && found[lo] + word.length <= end) return true;
    }
    return false;
  }
}
