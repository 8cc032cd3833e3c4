// Store URLs as the settings may hold them: a known scheme, and never a password.

/** An error message for the input box, or undefined when the URL is acceptable. */
export function validateStoreUrl(url: string): string | undefined {
  const value = url.trim();
  if (!value) return 'Enter where the store is';
  if (/^[a-z][\w+.-]*:\/\/[^/@]*:[^/@]*@/i.test(value)) return 'Leave the password out of the URL: it is asked for next and kept in the secret storage';
  if (!/^(sqlite|postgres|postgresql|mysql|mariadb|redis|rediss|memcached|file):/i.test(value)) return 'Start with sqlite:, postgres://, mysql://, redis://, memcached:// or file:';
  return undefined;
}
