// A pickle virtual machine for protocols 0-5 that builds data only. Opcodes that would import or
// run code go through the allow-list in globals.ts; persistent ids, extension codes and
// out-of-band buffers stop decoding with a reason. Every read is bounds-checked.
import { CodecError } from '../errors';
import type { PickleLimits } from '../types';
import { build, callGlobal, instantiate, resolveGlobal, type CallContext } from './globals';
import { Dict, Opaque, PySet, Tuple, type Py } from './values';

export interface PickleResult {
  value: Py;
  /** Offset just after STOP (a stream may hold more, e.g. FileBasedCache). */
  end: number;
  skipped: Set<string>;
}

const MAX_TEXT_INT_DIGITS = 4300;

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): number {
    if (n < 0 || this.pos + n > this.bytes.length) throw new CodecError('pickle data was truncated');
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)];
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  u64(): number {
    const at = this.need(8);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(this.bytes.length)) throw new CodecError('pickle data was truncated');
    return Number(value);
  }
  f64be(): number {
    return this.view.getFloat64(this.need(8), false);
  }
  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }
  /** A protocol-0 argument line, without its newline. */
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw new CodecError('pickle data was truncated');
    const text = Buffer.from(this.bytes.subarray(this.pos, end)).toString('latin1');
    this.pos = end + 1;
    return text;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CodecError("UnicodeDecodeError: 'utf-8' codec can't decode pickle string");
  }
}

/** Python 2 `str` (STRING/BINSTRING) decoded with pickle.loads' default encoding, ASCII. */
function decodeAscii(bytes: Uint8Array): string {
  for (const b of bytes) if (b > 0x7f) throw new CodecError("UnicodeDecodeError: 'ascii' codec can't decode pickle string");
  return Buffer.from(bytes).toString('latin1');
}

function signedLittleEndian(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = BigInt('0x' + (Buffer.from(bytes).reverse().toString('hex') || '0'));
  if (bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

function textInt(text: string): bigint {
  const t = text.trim().replace(/_/g, '');
  if (!/^[+-]?\d+$/.test(t)) throw new CodecError('ValueError: bad int in pickle');
  if (t.length > MAX_TEXT_INT_DIGITS) throw new CodecError(`ValueError: int over ${MAX_TEXT_INT_DIGITS} digits`);
  return BigInt(t);
}

/** Python repr of a str for protocol 0 STRING: quotes stripped, escape_decode applied. */
function pyStringLiteral(line: string): Uint8Array {
  const q = line[0];
  if (line.length < 2 || (q !== '"' && q !== "'") || line[line.length - 1] !== q) throw new CodecError('the STRING opcode argument must be quoted');
  const body = line.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out.push(body.charCodeAt(i));
      continue;
    }
    const e = body[++i];
    const simple: Record<string, number> = { '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (e === undefined) throw new CodecError('Trailing \\ in string');
    if (e in simple) out.push(simple[e]);
    else if (e === '\n') continue;
    else if (e === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new CodecError('invalid \\x escape');
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else out.push(92, body.charCodeAt(i));
  }
  return Uint8Array.from(out);
}

/** raw-unicode-escape (protocol 0 UNICODE): only \uXXXX and \UXXXXXXXX are escapes. */
function rawUnicodeEscape(line: string): string {
  return line.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u4: string | undefined, u8: string | undefined) => {
    const code = parseInt((u4 ?? u8)!, 16);
    if (code > 0x10ffff) throw new CodecError('\\U escape out of range');
    return String.fromCodePoint(code);
  });
}

/** Runs the pickle machine up to STOP. Throws CodecError with the reason on anything unsafe or broken. */
export function readPickle(bytes: Uint8Array, limits: Required<PickleLimits>, start = 0): PickleResult {
  const r = new Reader(bytes);
  r.pos = start;
  let stack: Py[] = [];
  const marks: Py[][] = [];
  const memo = new Map<number, Py>();
  const ctx: CallContext = { skipped: new Set() };

  const pop = (): Py => {
    if (stack.length === 0) throw new CodecError('unpickling stack underflow');
    return stack.pop() as Py;
  };
  const top = (): Py => {
    if (stack.length === 0) throw new CodecError('unpickling stack underflow');
    return stack[stack.length - 1];
  };
  // Callers must pop the mark before touching `stack`: it rebinds the variable.
  const popMark = (): Py[] => {
    const items = stack;
    const previous = marks.pop();
    if (previous === undefined) throw new CodecError('could not find MARK');
    stack = previous;
    return items;
  };
  const get = (index: number): Py => {
    if (!memo.has(index)) throw new CodecError(`Memo value not found at index ${index}`);
    return memo.get(index) as Py;
  };
  const put = (index: number): void => {
    if (index < 0) throw new CodecError('negative PUT argument');
    memo.set(index, top());
  };
  const appendTo = (target: Py, items: Py[]): void => {
    if (Array.isArray(target)) {
      for (const item of items) target.push(item);
    } else if (!(target instanceof Opaque)) throw new CodecError('APPEND to a value that is not a list');
  };
  const setItems = (target: Py, items: Py[]): void => {
    if (items.length % 2 !== 0) throw new CodecError('odd number of items for SETITEMS');
    if (target instanceof Dict) for (let i = 0; i < items.length; i += 2) target.set(items[i], items[i + 1]);
    else if (!(target instanceof Opaque)) throw new CodecError('SETITEM on a value that is not a dict');
  };
  const long = (n: number): bigint => {
    if (n < 0) throw new CodecError('LONG pickle has negative byte count');
    if (n > limits.maxIntBytes) throw new CodecError(`int over ${limits.maxIntBytes} bytes`);
    return signedLittleEndian(r.take(n));
  };

  for (;;) {
    const op = r.u8();
    switch (op) {
      case 0x80: { // PROTO
        const proto = r.u8();
        if (proto > 5) throw new CodecError(`unsupported pickle protocol: ${proto}`);
        break;
      }
      case 0x95: // FRAME (a length hint only)
        r.u64();
        break;
      case 0x2e: // STOP
        return { value: pop(), end: r.pos, skipped: ctx.skipped };
      case 0x28: // MARK
        marks.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        if (stack.length > 0) stack.pop();
        else popMark();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      // Scalars
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4b: stack.push(BigInt(r.u8())); break; // BININT1
      case 0x4d: stack.push(BigInt(r.u16())); break; // BININT2
      case 0x4a: stack.push(BigInt(r.i32())); break; // BININT
      case 0x8a: stack.push(long(r.u8())); break; // LONG1
      case 0x8b: stack.push(long(r.i32())); break; // LONG4
      case 0x47: stack.push(r.f64be()); break; // BINFLOAT
      case 0x49: { // INT (text; 00/01 are the bools of protocol 0)
        const text = r.line();
        stack.push(text === '00' ? false : text === '01' ? true : textInt(text));
        break;
      }
      case 0x4c: stack.push(textInt(r.line().replace(/L$/, ''))); break; // LONG (text)
      case 0x46: { // FLOAT (text)
        const text = r.line().trim();
        const value = Number(text);
        if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|nan|inf|infinity)$/i.test(text)) throw new CodecError('ValueError: bad float in pickle');
        stack.push(Number.isNaN(value) ? (/nan/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity) : value);
        break;
      }
      // Strings and bytes
      case 0x8c: stack.push(decodeUtf8(r.take(r.u8()))); break; // SHORT_BINUNICODE
      case 0x58: stack.push(decodeUtf8(r.take(r.u32()))); break; // BINUNICODE
      case 0x8d: stack.push(decodeUtf8(r.take(r.u64()))); break; // BINUNICODE8
      case 0x56: stack.push(rawUnicodeEscape(r.line())); break; // UNICODE (text)
      case 0x53: stack.push(decodeAscii(pyStringLiteral(r.line()))); break; // STRING
      case 0x55: stack.push(decodeAscii(r.take(r.u8()))); break; // SHORT_BINSTRING
      case 0x54: stack.push(decodeAscii(r.take(r.i32()))); break; // BINSTRING
      case 0x43: stack.push(Uint8Array.from(r.take(r.u8()))); break; // SHORT_BINBYTES
      case 0x42: stack.push(Uint8Array.from(r.take(r.u32()))); break; // BINBYTES
      case 0x8e: stack.push(Uint8Array.from(r.take(r.u64()))); break; // BINBYTES8
      case 0x96: stack.push(Uint8Array.from(r.take(r.u64()))); break; // BYTEARRAY8
      // Containers
      case 0x7d: stack.push(new Dict()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(new Tuple([])); break; // EMPTY_TUPLE
      case 0x8f: stack.push(new PySet([], false)); break; // EMPTY_SET
      case 0x85: stack.push(new Tuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(new Tuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(new Tuple([a, b, c])); break; } // TUPLE3
      case 0x74: { const items = popMark(); stack.push(new Tuple(items)); break; } // TUPLE
      case 0x6c: { const items = popMark(); stack.push(items); break; } // LIST
      case 0x64: { // DICT
        const items = popMark();
        const dict = new Dict();
        setItems(dict, items);
        stack.push(dict);
        break;
      }
      case 0x91: { const items = popMark(); stack.push(new PySet(items, true)); break; } // FROZENSET
      case 0x61: { const item = pop(); appendTo(top(), [item]); break; } // APPEND
      case 0x65: { const items = popMark(); appendTo(top(), items); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x90: { // ADDITEMS
        const items = popMark();
        const target = top();
        if (target instanceof PySet && !target.frozen) target.items.push(...items);
        else if (!(target instanceof Opaque)) throw new CodecError('ADDITEMS to a value that is not a set');
        break;
      }
      // Memo
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x70: put(Number(textInt(r.line()))); break; // PUT
      case 0x71: put(r.u8()); break; // BINPUT
      case 0x72: put(r.u32()); break; // LONG_BINPUT
      case 0x67: stack.push(get(Number(textInt(r.line())))); break; // GET
      case 0x68: stack.push(get(r.u8())); break; // BINGET
      case 0x6a: stack.push(get(r.u32())); break; // LONG_BINGET
      // Globals and objects: allow-listed, never executed
      case 0x63: { // GLOBAL
        const module = decodeUtf8(Buffer.from(r.line(), 'latin1'));
        const name = decodeUtf8(Buffer.from(r.line(), 'latin1'));
        stack.push(resolveGlobal(module, name));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new CodecError('STACK_GLOBAL requires str');
        stack.push(resolveGlobal(module, name));
        break;
      }
      case 0x52: { const args = pop(); const fn = pop(); stack.push(callGlobal(fn, args, ctx)); break; } // REDUCE
      case 0x81: { pop(); stack.push(instantiate(pop(), ctx)); break; } // NEWOBJ
      case 0x92: { pop(); pop(); stack.push(instantiate(pop(), ctx)); break; } // NEWOBJ_EX
      case 0x62: { const state = pop(); stack.push(build(pop(), state)); break; } // BUILD
      case 0x69: { // INST
        const module = r.line();
        const name = r.line();
        const args = popMark();
        stack.push(callGlobal(resolveGlobal(module, name), args, ctx));
        break;
      }
      case 0x6f: { // OBJ
        const items = popMark();
        if (items.length === 0) throw new CodecError('OBJ without a class');
        stack.push(callGlobal(items[0], items.slice(1), ctx));
        break;
      }
      case 0x50: case 0x51: throw new CodecError('pickle persistent ids are not supported');
      case 0x82: case 0x83: case 0x84: throw new CodecError('pickle extension codes are not supported');
      case 0x97: case 0x98: throw new CodecError('pickle out-of-band buffers are not supported');
      default:
        throw new CodecError(`pickle opcode 0x${op.toString(16).padStart(2, '0')} is not allowed`);
    }
  }
}
