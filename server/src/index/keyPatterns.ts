// Pattern keys (`oauth_*_token`, from f-strings and concatenations) match concrete keys.

const cache = new Map<string, RegExp>();

export function patternRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

export function patternMatches(pattern: string, key: string): boolean {
  return patternRegExp(pattern).test(key);
}
