// A cheap test the index runs before parsing: files that never contain the word "session"
// (any case, which also covers SessionBase / SessionStore / SESSION_KEY / `.session`) cannot
// hold a session access. Constants modules without the word are resolved on demand by the index
// when a PendingKey points at them.

const NEEDLES = ['session', 'Session', 'SESSION'];

export function mayMentionSessions(text: string): boolean {
  for (const needle of NEEDLES) if (text.includes(needle)) return true;
  return false;
}

const NEEDLE_BYTES = NEEDLES.map((needle) => Buffer.from(needle, 'latin1'));

/** The same test on a file's raw UTF-8 bytes, so files that fail it are never decoded. */
export function mayMentionSessionsInBytes(bytes: Uint8Array): boolean {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const needle of NEEDLE_BYTES) if (buffer.indexOf(needle) !== -1) return true;
  return false;
}

/** Whether `text` contains one of `words` (the names of key-taking helpers, index/workspaceIndex.ts). */
export function mentionsAnyOf(text: string, words: ReadonlySet<string>): boolean {
  for (const word of words) if (text.includes(word)) return true;
  return false;
}
