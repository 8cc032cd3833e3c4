// Session keys are credentials: every shell shows them masked unless the user asks to reveal one.

/** `abcd…wxyz` for normal keys; short values keep at most a quarter of their characters. */
export function maskSessionKey(key: string): string {
  if (key.length >= 16) return `${key.slice(0, 4)}…${key.slice(-4)}`;
  const keep = Math.floor(key.length / 4);
  return keep > 0 ? `${key.slice(0, keep)}…` : '…';
}

/** Removes `user:password@` from a URL-like string so it can appear in a message. */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*):[^/@\s]*@/gi, '$1$2:***@');
}
