// Source of the grammars in this folder (regexes are easier to read here than in escaped JSON).
// Run `node syntaxes/gen.mjs` after editing; test/grammar checks the JSON files are up to date.
import { writeFileSync } from 'node:fs';

/** A key as a plain string literal (quote in capture group `n`): no escapes, one line. f-strings
 * are not matched (their key is dynamic). */
const quoted = (n) => `(['"])((?:(?!\\${n})[^\\\\\\n])*)(\\${n})`;

// Session objects: `request.session`, `self.request.session`, `client.session`, a local `session`.
const session = '\\b(session)\\b';
const keyCaptures = (first) => ({
  [first]: { name: 'punctuation.definition.string.begin.python' },
  [first + 1]: { name: 'entity.name.session-key.python' },
  [first + 2]: { name: 'punctuation.definition.string.end.python' },
});

const python = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  scopeName: 'session-keys.python.injection',
  injectionSelector: 'L:source.python -comment -string',
  patterns: [{ include: '#subscript' }, { include: '#method' }, { include: '#membership' }],
  repository: {
    subscript: {
      comment: "request.session['key'] (read, write, del); only when the literal is the whole subscript",
      match: `${session}\\s*(\\[)\\s*(?:[uU]|[rR])?${quoted(3)}(?=\\s*\\])`,
      captures: {
        1: { name: 'support.variable.session.python' },
        2: { name: 'punctuation.definition.list.begin.python' },
        ...keyCaptures(3),
      },
    },
    method: {
      comment: "request.session.get('key') / pop / setdefault / __contains__: the first argument",
      match: `${session}\\s*(\\.)\\s*(get|pop|setdefault|__getitem__|__setitem__|__delitem__|__contains__)\\s*(\\()\\s*(?:[uU]|[rR])?${quoted(5)}(?=\\s*[,)])`,
      captures: {
        1: { name: 'support.variable.session.python' },
        2: { name: 'punctuation.separator.period.python' },
        3: { name: 'support.function.session.python' },
        4: { name: 'punctuation.definition.arguments.begin.python' },
        ...keyCaptures(5),
      },
    },
    membership: {
      comment: "'key' in request.session / 'key' not in session",
      match: `(?:[uU]|[rR])?${quoted(1)}(?=\\s+(?:not\\s+)?in\\s+(?:[A-Za-z_]\\w*\\s*\\.\\s*)*session\\b)`,
      captures: keyCaptures(1),
    },
  },
};
// Every match spans the whole literal: give it a string scope too so themes keep the quotes coloured.
for (const rule of Object.values(python.repository)) rule.name = 'meta.session-key.python';

const apiNames = [
  'get', 'pop', 'setdefault', 'update', 'keys', 'items', 'values', 'flush', 'cycle_key', 'set_expiry',
  'get_expiry_age', 'get_expiry_date', 'get_expire_at_browser_close', 'clear_expired', 'modified', 'accessed',
  'session_key', 'is_empty', 'exists', 'clear', 'test_cookie_worked', 'set_test_cookie', 'delete_test_cookie',
];

const django = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  scopeName: 'session-keys.django.injection',
  injectionSelector: 'L:text.html.django -comment',
  patterns: [{ include: '#attribute' }],
  repository: {
    attribute: {
      comment: '{{ request.session.key }} and {% if request.session.key %}; session API names are not keys',
      match: `\\b(request)(\\.)(session)(\\.)(?!(?:${apiNames.join('|')})\\b)([A-Za-z_]\\w*)\\b`,
      name: 'meta.session-key.django',
      captures: {
        1: { name: 'variable.other.object.django' },
        2: { name: 'punctuation.accessor.django' },
        3: { name: 'support.variable.session.django' },
        4: { name: 'punctuation.accessor.django' },
        5: { name: 'entity.name.session-key.django' },
      },
    },
  },
};

/** A small Django template grammar for `django-html` when no other extension provides one. */
const djangoHtml = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Django HTML',
  scopeName: 'text.html.django',
  patterns: [{ include: '#comment' }, { include: '#tag' }, { include: '#variable' }, { include: 'text.html.basic' }],
  repository: {
    comment: {
      patterns: [
        { name: 'comment.line.django', begin: '\\{#', end: '#\\}' },
        { name: 'comment.block.django', begin: '\\{%\\s*comment\\b[^%]*%\\}', end: '\\{%\\s*endcomment\\s*%\\}' },
      ],
    },
    tag: {
      name: 'meta.template.tag.django',
      begin: '(\\{%-?)\\s*([A-Za-z_]\\w*)?',
      beginCaptures: { 1: { name: 'punctuation.section.embedded.begin.django' }, 2: { name: 'keyword.control.django' } },
      end: '-?%\\}',
      endCaptures: { 0: { name: 'punctuation.section.embedded.end.django' } },
      patterns: [{ include: '#expression' }],
    },
    variable: {
      name: 'meta.template.expression.django',
      begin: '\\{\\{',
      beginCaptures: { 0: { name: 'punctuation.section.embedded.begin.django' } },
      end: '\\}\\}',
      endCaptures: { 0: { name: 'punctuation.section.embedded.end.django' } },
      patterns: [{ include: '#expression' }],
    },
    expression: {
      patterns: [
        { name: 'string.quoted.double.django', match: '"[^"]*"' },
        { name: 'string.quoted.single.django', match: "'[^']*'" },
        { name: 'constant.numeric.django', match: '\\b\\d+(?:\\.\\d+)?\\b' },
        { name: 'keyword.operator.django', match: '\\b(?:and|or|not|in|is|as|with|by)\\b|==|!=|<=|>=|<|>' },
        { match: '(\\|)\\s*([A-Za-z_]\\w*)', captures: { 1: { name: 'punctuation.separator.filter.django' }, 2: { name: 'support.function.filter.django' } } },
        { name: 'variable.other.django', match: '[A-Za-z_]\\w*' },
      ],
    },
  },
};

const write = (file, grammar) => writeFileSync(new URL(file, import.meta.url), `${JSON.stringify(grammar, null, 2)}\n`);
export const grammars = {
  'session-keys.python.injection.tmLanguage.json': python,
  'session-keys.django.injection.tmLanguage.json': django,
  'django-html.tmLanguage.json': djangoHtml,
};
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  for (const [file, grammar] of Object.entries(grammars)) write(file, grammar);
  console.log(`syntaxes: wrote ${Object.keys(grammars).join(', ')}`);
}
