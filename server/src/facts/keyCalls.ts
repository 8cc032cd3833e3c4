// Keys given to a function that takes its key as a parameter (`remember(request, 'theme')` with
// `def remember(request, name): request.session[name] = ...`): one access per call, at the literal.
// Calls in the function's own file are resolved with its facts (python.ts), the others by the index.
import type { ArgumentType, KeyCall, KeyParameter, KeySource, SessionAccess, Span, ValueType } from './types';

/** The access a call makes through a function that takes its key as a parameter. */
export function keyCallAccess(key: string, parameter: KeyParameter, span: Span, scope: string, callee: string, valueType?: ValueType,
  source: KeySource = { kind: 'literal' }): SessionAccess {
  const access: SessionAccess = { key, pattern: false, op: parameter.op, span, source, via: `${callee}(...) → ${parameter.via}`, scope };
  if (parameter.op === 'write') access.valueType = valueType ?? parameter.valueType ?? 'unknown';
  return access;
}

/** The type of the argument a call passes for the parameter at `position` (among the call's) or named `name`. */
export function argumentType(types: readonly ArgumentType[] | undefined, name: string, position: number): ValueType | undefined {
  return types?.find((t) => (t.keyword !== null ? t.keyword === name : t.position === position))?.type;
}

/** The type of the value a call from another file passes to a key-taking setter, when known. */
export function passedValueType(call: KeyCall, parameter: KeyParameter): ValueType | undefined {
  if (!parameter.value) return undefined;
  if (parameter.value.parameter === '**') return argumentType(call.argumentTypes, call.key, -1);
  const position = parameter.method && call.bound ? parameter.value.position - 1 : parameter.value.position;
  return argumentType(call.argumentTypes, parameter.value.parameter, position);
}

/** Whether a call from another file fills `parameter` with its key (`function` already matched). */
export function fillsParameter(call: KeyCall, parameter: KeyParameter): boolean {
  // `**kwargs`: a keyword no named parameter takes; its name is the key.
  if (parameter.parameter === '**' || call.named) return parameter.parameter === '**' && call.named === true && !(parameter.named ?? []).includes(call.key);
  if (call.keyword !== null) return call.keyword === parameter.parameter;
  // On an instance (`Recorder().remember(...)`) the method's `self` is not among the arguments.
  const position = parameter.method && call.bound ? parameter.position - 1 : parameter.position;
  return call.position === position;
}
