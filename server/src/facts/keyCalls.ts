// Keys given to a function that takes its key as a parameter (`remember(request, 'theme')` with
// `def remember(request, name): request.session[name] = ...`): one access per call, at the literal.
// Calls in the function's own file are resolved with its facts (python.ts), the others by the index.
import type { KeyCall, KeyParameter, SessionAccess, Span } from './types';

/** The access a call makes through a function that takes its key as a parameter. */
export function keyCallAccess(key: string, parameter: KeyParameter, span: Span, scope: string, callee: string): SessionAccess {
  const access: SessionAccess = { key, pattern: false, op: parameter.op, span, source: { kind: 'literal' }, via: `${callee}(...) → ${parameter.via}`, scope };
  if (parameter.op === 'write') access.valueType = 'unknown';
  return access;
}

/** Whether a call from another file fills `parameter` with its key (`function` already matched). */
export function fillsParameter(call: KeyCall, parameter: KeyParameter): boolean {
  if (call.keyword !== null) return call.keyword === parameter.parameter;
  // On an instance (`Recorder().remember(...)`) the method's `self` is not among the arguments.
  const position = parameter.method && call.bound ? parameter.position - 1 : parameter.position;
  return call.position === position;
}
