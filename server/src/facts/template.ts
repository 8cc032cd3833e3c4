// Session reads in Django templates: `{{ request.session.cart }}`, `{% if request.session.theme %}`,
// `{% for i in request.session.cart %}`, and names bound by `{% with s=request.session %}`. Jinja2
// templates (Django's Jinja2 backend) use the same tags and add `request.session['cart']`,
// `request.session.get('cart')` and `{% set s = request.session %}`: read here too (in Django's
// template language these forms are syntax errors, so they never appear there).
// Templates have no tree-sitter grammar: a tokenizer of Django's tag syntax (regex over template
// syntax only, as Django's own lexer does) finds the tags; each tag is scanned for session lookups.
import type { FileFacts, SessionAccess, Span } from './types';

const CLOSERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/** Where Django's Jinja2 backend finds templates: `.html`/`.txt` in a `jinja2/` folder, any `.jinja`/`.jinja2`/`.j2` file. */
export const JINJA2_FOLDER = /(^|\/)jinja2\//;
export const JINJA2_EXTENSION = /\.(jinja2?|j2)$/;

/** Templates of Django's Jinja2 backend, whose tags may span lines and carry whitespace control (`{%- ... -%}`). */
export function isJinja2Template(file: string): boolean {
  return JINJA2_FOLDER.test(file) || JINJA2_EXTENSION.test(file);
}

/**
 * Django's tags (`{{ }}`, `{% %}`, `{# #}`, never spanning lines; Jinja2's may: `multiline`), found
 * in linear time: the next closer and newline positions are cached, so a long line full of openers
 * costs one scan, not one per opener (a `.*?` regex would be quadratic there). `unclosed` counts
 * openers with no closer.
 */
function* tags(text: string, counter: { unclosed: number }, multiline: boolean): Generator<{ tag: string; start: number }> {
  const nextCloser: Record<string, number> = { '}}': -2, '%}': -2, '#}': -2 };
  let nextNewline = -2;
  let pos = text.indexOf('{');
  while (pos >= 0 && pos < text.length - 1) {
    const opener = text.slice(pos, pos + 2);
    const closer = CLOSERS[opener];
    if (!closer) {
      pos = text.indexOf('{', pos + 1);
      continue;
    }
    if (!multiline && nextNewline !== -1 && nextNewline < pos) nextNewline = text.indexOf('\n', pos);
    if (nextCloser[closer] !== -1 && nextCloser[closer] < pos + 2) nextCloser[closer] = text.indexOf(closer, pos + 2);
    const end = nextCloser[closer];
    const lineEnd = multiline || nextNewline === -1 ? text.length : nextNewline;
    if (end === -1 || end > lineEnd) {
      counter.unclosed++;
      pos = text.indexOf('{', pos + 2);
      continue;
    }
    yield { tag: text.slice(pos, end + 2), start: pos };
    pos = text.indexOf('{', end + 2);
  }
}
/** Attributes and methods of SessionBase that a template lookup reaches instead of a key. */
const SESSION_ATTRIBUTES = new Set([
  'session_key', 'modified', 'accessed', 'is_empty', 'items', 'keys', 'values', 'get', 'get_expiry_age', 'get_expiry_date',
  'get_expire_at_browser_close', 'test_cookie_worked', 'cache_key', 'serializer', 'get_session_cookie_age',
]);
/** Blocks whose content is not template code. */
const RAW_BLOCKS: Record<string, string> = { comment: 'endcomment', verbatim: 'endverbatim', raw: 'endraw' };

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo] };
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}

function escapeName(name: string): string {
  return name.replace(/[^\w]/g, '');
}

/** Names standing for the session inside the current `{% with %}` blocks. */
function withAliases(content: string): string[] {
  const names: string[] = [];
  for (const m of content.matchAll(/(\w+)\s*=\s*request\.session(?![.\w])/g)) names.push(m[1]);
  for (const m of content.matchAll(/request\.session\s+as\s+(\w+)/g)) names.push(m[1]);
  return names;
}

interface TagPatterns { lookups: RegExp; jinja: RegExp; membership: RegExp }

/** The session lookups of a tag, for the aliases in scope: built once per set of aliases (most templates have none), not per tag. */
const tagPatterns = new Map<string, TagPatterns>();

function patternsFor(aliases: readonly string[]): TagPatterns {
  const id = aliases.join(' ');
  let patterns = tagPatterns.get(id);
  if (!patterns) {
    const receiver = ['request\\.session', ...aliases.map((a) => `(?<![\\w.])${a}`)].join('|');
    patterns = {
      lookups: new RegExp(`(?:${receiver})\\.(\\w+)`, 'g'),
      jinja: new RegExp(`(?:${receiver})(?:\\[\\s*|\\.get\\(\\s*)(['"])([^'"\\n]+)\\1`, 'g'),
      membership: new RegExp(`(['"])(\\w+)\\1\\s+(?:not\\s+)?in\\s+(?:${receiver})(?![.\\w])`, 'g'),
    };
    if (tagPatterns.size > 256) tagPatterns.clear();
    tagPatterns.set(id, patterns);
  }
  return patterns;
}

export function extractTemplateFacts(text: string, file: string): FileFacts {
  const accesses: SessionAccess[] = [];
  const lines = new LineIndex(text);
  const aliasFrames: string[][] = [];
  /** Jinja2's `{% set s = request.session %}`: for the rest of the template. */
  const setAliases: string[] = [];
  let rawUntil: string | null = null;
  const counter = { unclosed: 0 };
  const jinja2 = isJinja2Template(file);
  for (const { tag, start } of tags(text, counter, jinja2)) {
    if (tag.startsWith('{#')) continue;
    const isBlock = tag.startsWith('{%');
    // Jinja2's whitespace control (`{%- if x -%}`, `{{+ y }}`) is not part of the tag's content.
    const content = jinja2 ? tag.slice(2, -2).replace(/^[-+]/, ' ').replace(/[-+]$/, ' ') : tag.slice(2, -2);
    const name = isBlock ? (content.trim().split(/\s+/)[0] ?? '') : '';
    if (rawUntil !== null) {
      if (name === rawUntil) rawUntil = null;
      continue;
    }
    if (RAW_BLOCKS[name]) {
      rawUntil = RAW_BLOCKS[name];
      continue;
    }
    if (name === 'endwith') aliasFrames.pop();
    const aliases = [...aliasFrames.flat(), ...setAliases].map(escapeName).filter(Boolean);
    const { lookups, jinja, membership } = patternsFor(aliases);
    for (const m of content.matchAll(lookups)) {
      const key = m[1];
      if (SESSION_ATTRIBUTES.has(key) || /^\d+$/.test(key)) continue;
      const keyStart = start + 2 + m.index + m[0].length - key.length;
      accesses.push({
        key, pattern: false, op: 'read', span: lines.span(keyStart, keyStart + key.length), source: { kind: 'literal' },
        via: isBlock ? `{% ${name} %}` : `{{ request.session.${key} }}`, scope: '<template>',
      });
    }
    // Jinja2: `request.session['cart']`, `request.session.get('cart', ...)`.
    for (const m of content.matchAll(jinja)) {
      const key = m[2];
      const keyStart = start + 2 + m.index + m[0].length - key.length - 1;
      accesses.push({
        key, pattern: false, op: 'read', span: lines.span(keyStart, keyStart + key.length), source: { kind: 'literal' },
        via: isBlock ? `{% ${name} %}` : `{{ request.session['${key}'] }}`, scope: '<template>',
      });
    }
    // `{% if 'theme' in request.session %}`: a membership test.
    if (isBlock) {
      for (const m of content.matchAll(membership)) {
        const keyStart = start + 2 + m.index + 1;
        accesses.push({
          key: m[2], pattern: false, op: 'contains', span: lines.span(keyStart - 1, keyStart + m[2].length + 1),
          source: { kind: 'literal' }, via: `{% ${name} %}`, scope: '<template>',
        });
      }
    }
    if (name === 'with') aliasFrames.push(withAliases(content));
    if (name === 'set') setAliases.push(...withAliases(content));
  }
  return { file, language: 'django-html', module: null, accesses, mutations: [], constants: [], imports: [], syntaxErrors: counter.unclosed };
}
