// Assignments and in-place changes of settings: `X = ...`, `X += [...]`, `a, b = ...`,
// `CACHES['default']['BACKEND'] = ...`, `MIDDLEWARE.append/insert/remove/extend(...)`, `DATABASES['default'].update(...)`.
import type { SyntaxNode } from '../../syntax/python';
import type { Known } from '../types';
import { known, sameKnown, unknown } from '../values';
import { fieldOf, namedChildren, spanOf } from '../syntax';
import type { ExprContext } from './context';
import { callArguments, evaluate } from './expressions';
import type { ModuleRun } from './module';
import { binaryOp, pyStr } from './ops';
import { lift, plain, type Value } from './value';

/** The identifier at the root of `X`, `X['a']['b']`, `X.y` (null for anything else). */
export function rootIdentifier(node: SyntaxNode | null): SyntaxNode | null {
  let n = node;
  while (n && (n.type === 'subscript' || n.type === 'attribute')) n = fieldOf(n, n.type === 'subscript' ? 'value' : 'object');
  return n?.type === 'identifier' ? n : null;
}

/** `X['a']['b']` as the root name and the key expressions, or null for other targets. */
function subscriptPath(node: SyntaxNode): { root: SyntaxNode; keys: SyntaxNode[] } | null {
  const keys: SyntaxNode[] = [];
  let n: SyntaxNode | null = node;
  while (n?.type === 'subscript') {
    const key = fieldOf(n, 'subscript');
    if (!key) return null;
    keys.unshift(key);
    n = fieldOf(n, 'value');
  }
  return n?.type === 'identifier' ? { root: n, keys } : null;
}

function current(run: ModuleRun, ctx: ExprContext, name: string): Value {
  return run.scope.has(name) ? (run.scope.get(name) as { value: Value }).value : ctx.lookup(name);
}

/** Replaces the value at `keys` inside `root` (dict keys or list indexes). */
function updateIn(root: Value, keys: Value[], change: (old: Value) => Value): Value {
  if (keys.length === 0) return change(root);
  const [key, ...rest] = keys;
  return lift([root, key], (r, k) => {
    const container = plain(r);
    const index = plain(k);
    if (!container.ok || !index.ok) return unknown('an item assignment into a value we cannot evaluate');
    const c = container.value;
    if (c && typeof c === 'object' && !Array.isArray(c)) {
      const name = typeof index.value === 'string' ? index.value : pyStr(index.value);
      const inner = rest.length === 0 ? (name in c ? known(c[name]) : known(null)) : name in c ? known(c[name]) : unknown(`the key ${name} is missing (KeyError)`);
      return withPlain(updateIn(inner, rest, change), (v) => ({ ...c, [name]: v }));
    }
    if (Array.isArray(c) && typeof index.value === 'number') {
      const at = index.value < 0 ? c.length + index.value : index.value;
      if (at < 0 || at >= c.length) return unknown('an index out of range (IndexError)');
      return withPlain(updateIn(known(c[at]), rest, change), (v) => c.map((x, i) => (i === at ? v : x)));
    }
    return unknown('an item assignment that is not evaluated');
  });
}

function withPlain(value: Value, build: (v: Known) => Known): Value {
  return lift([value], (v) => {
    const p = plain(v);
    return p.ok ? known(build(p.value)) : unknown('a value that is not plain data');
  });
}

function bind(run: ModuleRun, nameNode: SyntaxNode, value: Value, valueNode?: SyntaxNode | null): void {
  run.scope.set(nameNode.text, { value, file: run.file, span: spanOf(nameNode), ...(valueNode ? { valueSpan: spanOf(valueNode) } : {}) });
}

function assignTo(target: SyntaxNode, value: Value, valueNode: SyntaxNode | null, run: ModuleRun, ctx: ExprContext): void {
  if (target.type === 'identifier') return bind(run, target, value, valueNode);
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
    const targets = namedChildren(target);
    const p = plain(value);
    const items = p.ok && Array.isArray(p.value) && p.value.length === targets.length ? p.value : undefined;
    targets.forEach((t, i) => assignTo(t, items ? known(items[i]) : unknown('an unpacked value that is not evaluated'), null, run, ctx));
    return;
  }
  if (target.type === 'subscript') {
    const path = subscriptPath(target);
    if (!path) return;
    const keys = path.keys.map((k) => evaluate(k, ctx));
    bind(run, path.root, updateIn(current(run, ctx, path.root.text), keys, () => value));
  }
}

export function assignTarget(node: SyntaxNode, run: ModuleRun, ctx: ExprContext): void {
  const left = fieldOf(node, 'left');
  let right = fieldOf(node, 'right');
  if (!left || !right) return; // `X: int` declares without assigning.
  if (node.type === 'augmented_assignment') {
    const op = (fieldOf(node, 'operator')?.text ?? '').replace('=', '');
    const before = evaluate(left, ctx);
    const after = op === '+' ? extendOrAdd(before, evaluate(right, ctx)) : binaryOp(op, before, evaluate(right, ctx));
    return assignTo(left, after, null, run, ctx);
  }
  // Chained `A = B = value`: every target gets the innermost value.
  const targets = [left];
  while (right?.type === 'assignment') {
    const next = fieldOf(right, 'left');
    if (next) targets.push(next);
    right = fieldOf(right, 'right');
  }
  const value = evaluate(right, ctx);
  for (const t of targets) assignTo(t, value, right, run, ctx);
}

/** `list += iterable` extends with any sequence (tuples are arrays here). */
function extendOrAdd(before: Value, addition: Value): Value {
  return binaryOp('+', before, addition);
}

/** `X.append(v)` and friends; returns quietly for calls that change nothing we track. */
export function mutationCall(node: SyntaxNode, run: ModuleRun, ctx: ExprContext): void {
  const fn = fieldOf(node, 'function');
  if (fn?.type !== 'attribute') return;
  const method = fieldOf(fn, 'attribute')?.text ?? '';
  if (!['append', 'insert', 'remove', 'extend', 'update', 'pop', 'clear', 'setdefault'].includes(method)) return;
  const path = subscriptPath(fieldOf(fn, 'object') as SyntaxNode);
  if (!path || !run.scope.has(path.root.text)) return;
  const args = callArguments(node).map((a) => evaluate(a.type === 'keyword_argument' ? fieldOf(a, 'value') : a, ctx));
  const keys = path.keys.map((k) => evaluate(k, ctx));
  const updated = updateIn(current(run, ctx, path.root.text), keys, (old) => lift([old, ...args], (o, ...a) => applyMethod(method, o, a)));
  run.scope.set(path.root.text, { value: updated, file: run.file, span: spanOf(path.root) });
}

function applyMethod(method: string, target: Value, args: Value[]): Value {
  const t = plain(target);
  const a = args.map(plain);
  if (!t.ok || a.some((x) => !x.ok)) return unknown(`.${method}() with values we cannot evaluate`);
  const values = a.map((x) => (x.ok ? x.value : null));
  const v = t.value;
  if (Array.isArray(v)) {
    switch (method) {
      case 'append': return known([...v, values[0]]);
      case 'extend': return Array.isArray(values[0]) ? known([...v, ...values[0]]) : unknown('.extend() of a value that is not a list');
      case 'insert': {
        const at = typeof values[0] === 'number' ? values[0] : Number.NaN;
        if (!Number.isInteger(at)) return unknown('.insert() at an index we cannot evaluate');
        const index = Math.max(0, Math.min(v.length, at < 0 ? v.length + at : at));
        return known([...v.slice(0, index), values[1], ...v.slice(index)]);
      }
      case 'remove': {
        const at = v.findIndex((x) => sameKnown(x, values[0]));
        return at < 0 ? unknown(`.remove() of a value that is not in the list (ValueError)`) : known([...v.slice(0, at), ...v.slice(at + 1)]);
      }
      case 'clear': return known([]);
      case 'pop': return values.length === 0 ? known(v.slice(0, -1)) : unknown('.pop(i) is not evaluated');
    }
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const key = typeof values[0] === 'string' ? values[0] : undefined;
    switch (method) {
      case 'update': return values[0] && typeof values[0] === 'object' && !Array.isArray(values[0]) ? known({ ...v, ...values[0] }) : unknown('.update() of a value that is not a dict');
      case 'pop': {
        if (key === undefined) return unknown('.pop() of a key we cannot evaluate');
        const { [key]: _dropped, ...rest } = v;
        return known(rest);
      }
      case 'setdefault': return key === undefined ? unknown('.setdefault() of a key we cannot evaluate') : known(key in v ? v : { ...v, [key]: values[1] ?? null });
      case 'clear': return known({});
    }
  }
  return unknown(`.${method}() on a value of another type`);
}
