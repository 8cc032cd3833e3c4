// Builds one file line by line and remembers where session keys are, so the bench can aim
// completion / hover / references at real positions without parsing anything.

/** A position (zero-based, UTF-16 column) inside a literal session key, e.g. the `c` of `'cart'`. */
export interface KeyProbe {
  file: string;
  line: number;
  character: number;
  key: string;
}

export class SourceWriter {
  readonly lines: string[] = [];
  readonly probes: KeyProbe[] = [];
  private bytes = 0;

  constructor(readonly file: string) {}

  line(text = ''): void {
    this.lines.push(text);
    this.bytes += text.length + 1;
  }

  /** Writes `text` and records a probe at the first occurrence of the quoted `key` in it. */
  keyLine(text: string, key: string): void {
    const at = text.search(new RegExp(`['"]${key}['"]`));
    if (at >= 0) this.probes.push({ file: this.file, line: this.lines.length, character: at + 1, key });
    this.line(text);
  }

  /** Approximate size so far (ASCII output: characters = bytes). */
  get size(): number {
    return this.bytes;
  }

  text(): string {
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }
}
