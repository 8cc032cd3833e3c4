// A cheap test the index runs before parsing: files that never contain the word "session"
// (any case, which also covers SessionBase / SessionStore / SESSION_KEY / `.session`) cannot
// hold a session access. Constants modules without the word are resolved on demand by the index
// when a PendingKey points at them.

const NEEDLES = ['session', 'Session', 'SESSION'];

export function mayMentionSessions(text: string): boolean {
  for (const needle of NEEDLES) if (text.includes(needle)) return true;
  return false;
}
