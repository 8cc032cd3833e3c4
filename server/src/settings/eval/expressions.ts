// Evaluates one Python expression node to a Value without running anything.
import type { SyntaxNode } from '../../syntax/python';
import type { Known } from '../types';
import { known, truthy, unknown } from '../values';
import { namedChildren, stringParts } from '../syntax';
import { callValue, type CallArgs } from './calls';
import type { ExprContext } from './context';
import { lookupEnv } from './environment';
import { binaryOp, compareOp, pyStr, subscript, unaryOp } from './ops';
import { dirnamePath } from './paths';
import { lift, plain, type Value } from './value';

const MAX_DEPTH = 200;

export function evaluate(node: SyntaxNode | null, ctx: ExprContext, depth = 0): Value {
  if (!node) return unknown('a missing expression');
  if (depth > MAX_DEPTH) return unknown('an expression nested too deeply');
  const ev = (n: SyntaxNode | null) => evaluate(n, ctx, depth + 1);
  switch (node.type) {
    case 'integer': return integer(node.text);
    case 'float': {
      const n = Number(node.text.split('_').join(''));
      return Number.isFinite(n) ? known(n) : unknown(`the number ${node.text}`);
    }
    case 'true': return known(true);
    case 'false': return known(false);
    case 'none': return known(null);
    case 'string':
    case 'concatenated_string': return stringValue(node, ev);
    case 'identifier': return node.text === '__file__' ? known(ctx.fileValue) : ctx.lookup(node.text);
    case 'parenthesized_expression': return ev(namedChildren(node)[0] ?? null);
    case 'list':
    case 'tuple':
    case 'set': return sequence(node, ev, node.type === 'set');
    case 'dictionary': return dictionary(node, ev);
    case 'not_operator': return unaryOp('not', ev(node.childForFieldName('argument')));
    case 'unary_operator': return unaryOp(node.childForFieldName('operator')?.text ?? '?', ev(node.childForFieldName('argument')));
    case 'binary_operator': return binaryOp(node.childForFieldName('operator')?.text ?? '?', ev(node.childForFieldName('left')), ev(node.childForFieldName('right')));
    case 'boolean_operator': return booleanOp(node, ev);
    case 'comparison_operator': return comparison(node, ev, ctx);
    case 'conditional_expression': return conditional(node, ev);
    case 'attribute': return attribute(ev(node.childForFieldName('object')), node.childForFieldName('attribute')?.text ?? '');
    case 'subscript': return subscriptNode(node, ev, ctx);
    case 'call': return call(node, ev, ctx);
    case 'list_comprehension':
    case 'generator_expression': return comprehension(node, ctx, depth, false);
    case 'set_comprehension': return comprehension(node, ctx, depth, true);
    default: return unknown(`a ${node.type.split('_').join(' ')} is not evaluated`);
  }
}

/** Elements a comprehension may produce before it counts as data, not settings. */
const MAX_COMPREHENSION = 1000;

/**
 * `[f'project.{app}' for app in PROJECT_APPS]`, `(m for m in MIDDLEWARE if 'csrf' not in m)`, the
 * same as a set: one `for` over a known list, tuple or dict (its keys), names or a tuple of names
 * as targets, `if` clauses; each element evaluated with the targets bound.
 */
function comprehension(node: SyntaxNode, ctx: ExprContext, depth: number, dedupe: boolean): Value {
  const clauses = namedChildren(node).filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  const [first, ...rest] = clauses;
  if (first?.type !== 'for_in_clause' || rest.some((c) => c.type !== 'if_clause')) return unknown('a comprehension with several for clauses is not evaluated');
  const target = first.childForFieldName('left');
  const names = target?.type === 'identifier' ? [target.text]
    : target && (target.type === 'pattern_list' || target.type === 'tuple_pattern') && namedChildren(target).every((t) => t.type === 'identifier')
      ? namedChildren(target).map((t) => t.text) : null;
  if (!names) return unknown('a comprehension target that is not a name');
  const source = plain(evaluate(first.childForFieldName('right'), ctx, depth + 1));
  const items = !source.ok ? null : Array.isArray(source.value) ? source.value
    : source.value !== null && typeof source.value === 'object' ? Object.keys(source.value) : null;
  if (!items) return unknown('a comprehension over a value that is not known');
  if (items.length > MAX_COMPREHENSION) return unknown('a comprehension over too many values');
  const out: Known[] = [];
  for (const item of items) {
    const bound = new Map<string, Known>();
    if (names.length === 1) bound.set(names[0], item);
    else if (Array.isArray(item) && item.length === names.length) names.forEach((n, i) => bound.set(n, item[i]));
    else return unknown('a comprehension element that does not unpack');
    const inner: ExprContext = { ...ctx, lookup: (name) => (bound.has(name) ? known(bound.get(name) as Known) : ctx.lookup(name)) };
    let kept = true;
    for (const condition of rest) {
      const test = plain(evaluate(namedChildren(condition)[0] ?? null, inner, depth + 1));
      if (!test.ok) return unknown('a comprehension condition that is not known');
      kept &&= truthy(test.value);
    }
    if (!kept) continue;
    const value = plain(evaluate(node.childForFieldName('body'), inner, depth + 1));
    if (!value.ok) return unknown('a comprehension element that is not plain data');
    if (!dedupe || !out.some((o) => JSON.stringify(o) === JSON.stringify(value.value))) out.push(value.value);
  }
  return known(out);
}

function integer(text: string): Value {
  const clean = text.split('_').join('').toLowerCase();
  if (clean.endsWith('j') || clean.endsWith('l')) return unknown(`the number ${text}`);
  // Python 3 rejects C-style octal (010); JavaScript would read it as decimal.
  const legacyOctal = clean.length > 1 && clean[0] === '0' && clean[1] >= '0' && clean[1] <= '9';
  const n = legacyOctal ? Number.NaN : Number(clean);
  return Number.isFinite(n) ? known(n) : unknown(`the number ${text}`);
}

type Ev = (n: SyntaxNode | null) => Value;

function stringValue(node: SyntaxNode, ev: Ev): Value {
  const strings = node.type === 'concatenated_string' ? namedChildren(node) : [node];
  const pieces: Value[] = [];
  for (const s of strings) {
    const parts = s.type === 'string' ? stringParts(s) : null;
    if (!parts) return unknown('a string literal we cannot decode');
    for (const part of parts) {
      if ('text' in part) pieces.push(known(part.text));
      else pieces.push(lift([ev(part.expression)], (v) => {
        const p = v.kind === 'path' ? { ok: true as const, value: v.path } : plain(v);
        return p.ok ? known(pyStr(p.value)) : unknown('an f-string part that is not plain data');
      }));
    }
  }
  return pieces.reduce((acc, v) => binaryOp('+', acc, v), known(''));
}

function sequence(node: SyntaxNode, ev: Ev, dedupe: boolean): Value {
  const items: Value[] = [];
  for (const child of namedChildren(node)) {
    if (child.type === 'list_splat') {
      const inner = ev(namedChildren(child)[0] ?? null);
      const p = plain(inner);
      if (p.ok && Array.isArray(p.value)) items.push(...p.value.map(known));
      else if (inner.kind === 'env' || inner.kind === 'unknown') items.push(lift([inner], () => unknown('a splatted value that is not a list')) );
      else return unknown('a splat of a value that is not a list');
    } else items.push(ev(child));
  }
  if (items.some((v) => !['known', 'env', 'unknown', 'path'].includes(v.kind))) return { kind: 'sequence', items };
  return lift(items, (...values) => {
    const out: Known[] = [];
    for (const v of values) {
      const p = plain(v);
      if (!p.ok) return unknown('a list item that is not plain data');
      if (!dedupe || !out.some((o) => JSON.stringify(o) === JSON.stringify(p.value))) out.push(p.value);
    }
    return known(out);
  });
}

function dictionary(node: SyntaxNode, ev: Ev): Value {
  const values: Value[] = [];
  const shape: ('pair' | 'splat')[] = [];
  for (const child of namedChildren(node)) {
    if (child.type === 'pair') {
      values.push(ev(child.childForFieldName('key')), ev(child.childForFieldName('value')));
      shape.push('pair');
    } else if (child.type === 'dictionary_splat') {
      values.push(ev(namedChildren(child)[0] ?? null));
      shape.push('splat');
    } else return unknown('a dict comprehension is not evaluated');
  }
  return lift(values, (...flat) => {
    const out: Record<string, Known> = {};
    let i = 0;
    for (const kind of shape) {
      const k = kind === 'pair' ? plain(flat[i++]) : undefined;
      const v = plain(flat[i++]);
      if (!v.ok || (k && !k.ok)) return unknown('a dict entry that is not plain data');
      if (k?.ok) out[typeof k.value === 'string' ? k.value : pyStr(k.value)] = v.value;
      else if (v.value && typeof v.value === 'object' && !Array.isArray(v.value)) Object.assign(out, v.value);
      else return unknown('a ** splat of a value that is not a dict');
    }
    return known(out);
  });
}

function booleanOp(node: SyntaxNode, ev: Ev): Value {
  const op = node.childForFieldName('operator')?.text;
  const left = ev(node.childForFieldName('left'));
  const rightNode = node.childForFieldName('right');
  const p = plain(left);
  if (p.ok || left.kind === 'path') {
    const isTrue = p.ok ? truthy(p.value) : true;
    return (op === 'and') === isTrue ? ev(rightNode) : left;
  }
  if (left.kind === 'env' || left.kind === 'unknown') {
    const right = ev(rightNode);
    return lift([left, right], (l, r) => {
      const lp = plain(l);
      if (!lp.ok) return unknown(`\`${op}\` of an object`);
      return (op === 'and') === truthy(lp.value) ? r : l;
    });
  }
  return op === 'or' ? left : ev(rightNode);
}

function comparison(node: SyntaxNode, ev: Ev, ctx: ExprContext): Value {
  const operands: SyntaxNode[] = [];
  const operators: string[] = [];
  for (const child of node.children) {
    if (!child) continue;
    if (child.isNamed && child.type !== 'comment') operands.push(child);
    else if (child.text === 'in' && operators.at(-1) === 'not' && operators.length === operands.length) operators[operators.length - 1] = 'not in';
    else if (child.text === 'not' && operators.at(-1) === 'is' && operators.length === operands.length) operators[operators.length - 1] = 'is not';
    else operators.push(child.text);
  }
  let result: Value = known(true);
  let left = ev(operands[0] ?? null);
  for (let i = 0; i < operators.length; i++) {
    const right = ev(operands[i + 1] ?? null);
    const step = environMembership(operators[i], left, right, ctx) ?? compareOp(operators[i], left, right);
    result = i === 0 ? step : lift([result, step], (a, b) => {
      const pa = plain(a);
      return pa.ok && truthy(pa.value) ? b : a;
    });
    left = right;
  }
  return result;
}

/** `'X' in os.environ`: true exactly when the variable is set. */
function environMembership(op: string, left: Value, right: Value, ctx: ExprContext): Value | undefined {
  if ((op !== 'in' && op !== 'not in') || right.kind !== 'builtin' || right.name !== 'os.environ') return undefined;
  const p = plain(left);
  if (!p.ok || typeof p.value !== 'string') return unknown('a membership test on os.environ');
  const isSet = lookupEnv({ variable: p.value, library: 'os', default: known(false) }, ctx.env);
  const asBool = isSet.kind === 'known' ? known(true) : isSet;
  return op === 'in' ? asBool : unaryOp('not', asBool);
}

function conditional(node: SyntaxNode, ev: Ev): Value {
  const [whenTrue, condition, whenFalse] = namedChildren(node);
  const cond = ev(condition ?? null);
  const p = plain(cond);
  if (p.ok) return truthy(p.value) ? ev(whenTrue ?? null) : ev(whenFalse ?? null);
  if (cond.kind === 'path') return ev(whenTrue ?? null);
  const a = ev(whenTrue ?? null);
  const b = ev(whenFalse ?? null);
  return lift([cond, a, b], (c, x, y) => {
    const cp = plain(c);
    return cp.ok ? (truthy(cp.value) ? x : y) : unknown('a condition on an object');
  });
}

function attribute(object: Value, name: string): Value {
  switch (object.kind) {
    case 'builtin': return { kind: 'builtin', name: `${object.name}.${name}` };
    case 'path':
      if (name === 'parent') return { kind: 'path', path: dirnamePath(object.path) };
      if (name === 'name') return known(object.path.split('/').pop() ?? '');
      return { kind: 'method', name, self: object };
    case 'envReader':
    case 'known':
    case 'env':
      return { kind: 'method', name, self: object };
    case 'unknown':
      return object;
    default:
      return unknown(`the attribute .${name} of an object`);
  }
}

function subscriptNode(node: SyntaxNode, ev: Ev, ctx: ExprContext): Value {
  const container = ev(node.childForFieldName('value'));
  const indexNode = node.childForFieldName('subscript');
  if (indexNode?.type === 'slice') return unknown('a slice is not evaluated');
  const index = ev(indexNode);
  if (container.kind === 'builtin' && container.name === 'os.environ') {
    const variable = plain(index);
    if (!variable.ok || typeof variable.value !== 'string') return unknown('os.environ[...] with a name we cannot evaluate');
    return lookupEnv({ variable: variable.value, library: 'os' }, ctx.env);
  }
  return subscript(container, index);
}

/** A call's argument nodes; `f(x for x in y)` passes one generator (tree-sitter gives it as the argument list). */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  return args.type === 'generator_expression' ? [args] : namedChildren(args);
}

function call(node: SyntaxNode, ev: Ev, ctx: ExprContext): Value {
  const callee = ev(node.childForFieldName('function'));
  const args: CallArgs = { positional: [], keywords: {} };
  for (const arg of callArguments(node)) {
    if (arg.type === 'keyword_argument') args.keywords[arg.childForFieldName('name')?.text ?? ''] = ev(arg.childForFieldName('value'));
    else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return unknown('a call with *args or **kwargs is not evaluated');
    else args.positional.push(ev(arg));
  }
  if (callee.kind === 'unknown') {
    const name = node.childForFieldName('function')?.text ?? 'a function';
    return unknown(`calls ${name.length > 60 ? 'a function' : name}(), which is not evaluated statically`);
  }
  return callValue(callee, args, ctx);
}
