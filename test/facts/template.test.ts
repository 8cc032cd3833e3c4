import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractTemplateFacts } from '../../server/src/facts/template';
import { spanOfText } from './helpers';

const keys = (text: string) => extractTemplateFacts(text, 't.html').accesses.map((a) => `${a.op} ${a.key}`);

test('variables, filters, if, for and with read session keys', () => {
  const src = [
    '<p>{{ request.session.theme }}</p>',
    '{{ request.session.cart|length }}',
    "{% if request.session.coupon_id and request.session.theme == 'dark' %}x{% endif %}",
    '{% for item in request.session.recently_viewed %}{{ item }}{% endfor %}',
    '{% with step=request.session.checkout_step %}{{ step }}{% endwith %}',
    '',
  ].join('\n');
  const facts = extractTemplateFacts(src, 'shop/templates/x.html');
  assert.deepEqual(facts.accesses.map((a) => a.key), ['theme', 'cart', 'coupon_id', 'theme', 'recently_viewed', 'checkout_step']);
  assert.ok(facts.accesses.every((a) => a.op === 'read' && a.scope === '<template>' && a.source.kind === 'literal'));
  assert.deepEqual(facts.accesses[1].span, spanOfText(src, 'cart'));
  assert.equal(facts.accesses[1].via, '{{ request.session.cart }}');
  assert.equal(facts.accesses[2].via, '{% if %}');
  assert.equal(facts.language, 'django-html');
  assert.equal(facts.syntaxErrors, 0);
});

test('names bound to the session by {% with %} until {% endwith %}', () => {
  const src = '{% with s=request.session %}{{ s.a }}{% endwith %}{{ s.b }}{% with request.session as t %}{% if t.c %}{% endif %}{% endwith %}';
  assert.deepEqual(keys(src), ['read a', 'read c']);
});

test('not keys: a template variable named session, comments, verbatim, session attributes', () => {
  const src = [
    '{{ session.cart }} {{ mysession.x }}',
    '{# request.session.commented #}',
    '{% comment %}{{ request.session.in_comment }}{% endcomment %}',
    '{% verbatim %}{{ request.session.verbatim }}{% endverbatim %}',
    '{{ request.session.session_key }} {% for k, v in request.session.items %}{% endfor %}',
    '{{ request.session.after }}',
  ].join('\n');
  assert.deepEqual(keys(src), ['read after']);
});

test('UTF-16 columns and broken tags', () => {
  const src = '<b>😀</b>{{ request.session.k }}\n{{ request.session.open\n';
  const facts = extractTemplateFacts(src, 't.html');
  assert.deepEqual(facts.accesses[0].span, spanOfText(src, 'k', 0));
  assert.equal(facts.accesses[0].span.startColumn, 28); // the emoji counts as two code units
  assert.equal(facts.accesses.length, 1);
  assert.equal(facts.syntaxErrors, 1);
});

test('binary and huge templates do not throw', () => {
  const binary = Array.from({ length: 100_000 }, (_, i) => String.fromCharCode((i * 31) % 256)).join('');
  assert.doesNotThrow(() => extractTemplateFacts(binary, 'b.html'));
  const huge = '{{ request.session.a }}{% if x %}\n'.repeat(100_000);
  assert.equal(extractTemplateFacts(huge, 'h.html').accesses.length, 100_000);
});

test("{% if 'k' in request.session %} is a contains access with the quoted key's span", () => {
  const src = `{% if 'theme' in request.session %}a{% endif %}{% if "x" not in request.session %}{% endif %}{% if 'y' in request.session.cart %}{% endif %}`;
  const facts = extractTemplateFacts(src, 't.html');
  assert.deepEqual(facts.accesses.map((a) => `${a.op} ${a.key}`), ['contains theme', 'contains x', 'read cart']);
  assert.deepEqual(facts.accesses[0].span, spanOfText(src, "'theme'"));
});

test('a long line full of openers without closers is handled in linear time', () => {
  const line = '{{ {% '.repeat(200_000);
  const facts = extractTemplateFacts(`${line}\n{{ request.session.ok }}`, 'p.html');
  assert.deepEqual(facts.accesses.map((a) => a.key), ['ok']);
  assert.equal(facts.syntaxErrors, 400_000);
});

test("Jinja2 templates: request.session['k'], .get('k', d), set aliases, raw blocks", () => {
  const src = [
    "<p>{{ request.session['theme'] }}</p>",
    '{{ request.session.get("cart", [])|length }}',
    "{% if 'coupon' in request.session %}{% endif %}",
    '{% set s = request.session %}{{ s.get("lang") }}{{ s["font"] }}{{ s.currency }}',
    "{% raw %}{{ request.session['not_read'] }}{% endraw %}",
    '',
  ].join('\n');
  const facts = extractTemplateFacts(src, 'shop/jinja2/shop/page.html');
  assert.deepEqual(facts.accesses.map((a) => `${a.op} ${a.key}`).sort(),
    ['contains coupon', 'read cart', 'read currency', 'read font', 'read lang', 'read theme']);
  const theme = facts.accesses.find((a) => a.key === 'theme')!;
  assert.deepEqual(theme.span, spanOfText(src, 'theme'));
  assert.equal(theme.via, "{{ request.session['theme'] }}");
});

test('Jinja2 tags spanning lines and with whitespace control are read; in Django templates a tag never spans lines', () => {
  const src = [
    '{%- set prefs = request.session.get(',
    '      "prefs", {}) -%}',
    '{{',
    "  request.session['theme']",
    '  | default("light")',
    '}}',
    '{%- if "coupon" in',
    '      request.session %}x{% endif -%}',
    '{#- a comment',
    "    {{ request.session['not_read'] }} -#}",
    '{{- request.session.currency -}}',
    '',
  ].join('\n');
  const jinja = extractTemplateFacts(src, 'shop/jinja2/shop/prefs.html');
  assert.deepEqual(jinja.accesses.map((a) => `${a.op} ${a.key}`).sort(), ['contains coupon', 'read currency', 'read prefs', 'read theme']);
  assert.deepEqual(jinja.accesses.find((a) => a.key === 'theme')!.span, spanOfText(src, 'theme'));
  assert.deepEqual(jinja.accesses.find((a) => a.key === 'prefs')!.span, spanOfText(src, 'prefs', 1));
  assert.equal(jinja.syntaxErrors, 0);
  // The same text in a Django template: Django's lexer never joins lines, so the split tags are text.
  const django = extractTemplateFacts(src, 'shop/templates/shop/prefs.html');
  // (Only the one-line tags count: the comment's inner tag, which Django reads since its comment
  // does not span lines either, and the last line.)
  assert.deepEqual(django.accesses.map((a) => a.key), ['not_read', 'currency']);
  assert.equal(django.syntaxErrors, 4, 'four openers with no closer on their line');
});
