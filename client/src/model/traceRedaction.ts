// Masks secrets in the language client's protocol trace (`djangoSessions.trace.server`), which
// would otherwise print every request: SECRET_KEYs, passwords, pasted cookies, session keys.

const fields = /("(?:secrets|password|value)"\s*:\s*)("(?:[^"\\]|\\.)*"|\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])/g;
/** Django session keys: 32 characters of [a-z0-9] (get_random_string with lowercase + digits). */
const sessionKey = /\b([a-z0-9]{4})[a-z0-9]{24}([a-z0-9]{4})\b/g;

export function redactTrace(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(fields, (_m, name: string) => `${name}"***"`).replace(sessionKey, '$1…$2');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}
