// json.loads as Django's JSONSerializer calls it (Python's json module): NaN/Infinity tokens,
// arbitrary-precision ints, last duplicate key wins at its first position. Clean input takes
// the native JSON.parse path; anything it could get wrong takes the exact parser below.
import { CodecError } from '../errors';
import type { PyJson } from '../types';
import { dictValue, floatValue, intValue } from './tags';

const MAX_DEPTH = 500;
export const MAX_JSON_DEPTH = MAX_DEPTH;
/** CPython 3.11+ refuses to convert longer decimal strings to int (sys.int_info). */
const MAX_INT_DIGITS = 4300;
// Inputs the native parser reads differently from Python: number tokens that are ints beyond
// 2^53 (or -0), or that overflow to infinity (JSON.parse rounds them silently; Python keeps the
// int, or the exact parser tags the float), and any "$" (a "$type" key needs the tagged form).
// The "$" is found in the text; the numbers are checked on JSON.parse's result, which visits a
// few dozen values instead of scanning every character. A long text is also scanned: a value
// JSON.parse drops (a duplicate key) is still parsed by Python, which refuses ints over 4300
// digits. NaN/Infinity tokens make JSON.parse throw, which also lands in the exact parser.

function needsExact(text: string): boolean {
  const first = text.charCodeAt(0);
  // A bare top-level number is rare: always exact.
  if (first === 0x2d || (first >= 0x30 && first <= 0x39)) return true;
  return text.includes('$') || text.includes('\\u0024') || (text.length > MAX_INT_DIGITS && hasExactNumber(text));
}

/** `/[:,[]\s*(?:-?\d{16}|-?[\d.]+[eE][+-]?\d{3}|-0(?![.\deE]))/.test(text)` as one pass of char codes. */
function hasExactNumber(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const sep = text.charCodeAt(i);
    if (sep !== 0x3a && sep !== 0x2c && sep !== 0x5b) continue;
    let j = i + 1;
    let c = text.charCodeAt(j);
    while (isSpace(c)) c = text.charCodeAt(++j);
    if (c === 0x2d) c = text.charCodeAt(++j);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e)) continue;
    const start = j;
    while (c >= 0x30 && c <= 0x39) c = text.charCodeAt(++j);
    const digitsOnly = j - start;
    if (digitsOnly >= 16) return true;
    // -0 not followed by [.\deE]
    if (digitsOnly === 1 && text.charCodeAt(start) === 0x30 && text.charCodeAt(start - 1) === 0x2d && c !== 0x2e && c !== 0x65 && c !== 0x45) return true;
    while ((c >= 0x30 && c <= 0x39) || c === 0x2e) c = text.charCodeAt(++j);
    if (c !== 0x65 && c !== 0x45) continue;
    c = text.charCodeAt(++j);
    if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++j);
    let expDigits = 0;
    while (c >= 0x30 && c <= 0x39 && expDigits < 3) {
      expDigits++;
      c = text.charCodeAt(++j);
    }
    if (expDigits >= 3) return true;
  }
  return false;
}

/** The regex `\s` (what the old pattern skipped): JSON's four, plus the rest of JS whitespace. */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A number JSON.parse may have read differently from Python: integral beyond 2^53, -0, ±Infinity. */
function hasInexactNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) ? !Number.isSafeInteger(value) || Object.is(value, -0) : !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasInexactNumber(value[i])) return true;
    return false;
  }
  for (const key in value) if (hasInexactNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

export function parsePythonJson(text: string): PyJson {
  if (!needsExact(text) && !nestsDeeperThan(text, MAX_DEPTH)) {
    let parsed: PyJson | undefined;
    try {
      parsed = JSON.parse(text) as PyJson;
    } catch {
      // Fall through: the exact parser reports the error the way Python words it.
    }
    if (parsed !== undefined && !hasInexactNumber(parsed)) return parsed;
  }
  return new ExactParser(text).parseDocument();
}

/** `parsePythonJson` for a text already checked (wasm/inflate.c `needs_exact`): a clean text takes
 * JSON.parse alone; one it would misread, or that it refuses (errors are worded as Python does),
 * takes the exact parser. */
export function parseCheckedJson(text: string, exact: boolean): PyJson {
  if (!exact) {
    try {
      return JSON.parse(text) as PyJson;
    } catch {
      // The exact parser reports the error the way Python words it.
    }
  }
  return new ExactParser(text).parseDocument();
}

/** Bracket depth outside strings; deep input goes to the exact parser, which reports it. */
function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit * 2) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class ExactParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): PyJson {
    this.skipWs();
    const value = this.value(0);
    this.skipWs();
    if (this.pos !== this.text.length) this.fail('Extra data');
    return value;
  }

  private fail(what: string): never {
    throw new CodecError(`bad JSON: ${what} at char ${this.pos}`);
  }

  private skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private startsWith(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  private value(depth: number): PyJson {
    if (depth > MAX_DEPTH) this.fail(`depth exceeded (${MAX_DEPTH})`);
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const [token, value] of CONSTANTS) {
      if (this.startsWith(token)) {
        this.pos += token.length;
        return value;
      }
    }
    return this.number();
  }

  private object(depth: number): PyJson {
    this.pos++;
    const entries = new Map<string, PyJson>();
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return {};
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos] !== ':') this.fail("Expecting ':' delimiter");
      this.pos++;
      this.skipWs();
      entries.set(key, this.value(depth + 1));
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === '}') break;
      if (c !== ',') this.fail("Expecting ',' delimiter");
      this.skipWs();
    }
    return dictValue([...entries]);
  }

  private array(depth: number): PyJson {
    this.pos++;
    const items: PyJson[] = [];
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === ']') return items;
      if (c !== ',') this.fail("Expecting ',' delimiter");
      this.skipWs();
    }
  }

  private string(): string {
    const text = this.text;
    let i = this.pos + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) this.fail('Unterminated string');
      const code = text.charCodeAt(i);
      if (code === 0x22) break;
      if (code < 0x20) {
        this.pos = i;
        this.fail('Invalid control character');
      }
      if (code !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(chunk, i);
      const e = text[i + 1];
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos = i;
          this.fail('Invalid \\uXXXX escape');
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        i += 2;
      } else {
        this.pos = i;
        this.fail('Invalid \\escape');
      }
      chunk = i;
    }
    out += text.slice(chunk, i);
    this.pos = i + 1;
    return out;
  }

  private number(): PyJson {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('Expecting value');
    this.pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      if (match[0].replace('-', '').length > MAX_INT_DIGITS) this.fail(`int over ${MAX_INT_DIGITS} digits`);
      return intValue(BigInt(match[0]));
    }
    return floatValue(Number(match[0]));
  }
}

const CONSTANTS: Array<[string, PyJson]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', floatValue(NaN)],
  ['Infinity', floatValue(Infinity)],
  ['-Infinity', floatValue(-Infinity)],
];

