// Session keys in Django templates (`request.session.key`), over our django-html grammar, which
// itself embeds the real HTML grammar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textsWithScope, tokenize } from './tokenize';

const keys = (html: string) => textsWithScope('text.html.django', html, 'entity.name.session-key.django');

test('variables, tags and filters give the key its scope', async () => {
  const html = [
    '<p>Items: {{ request.session.cart|length }}</p>',
    '{% if request.session.coupon %}<b>coupon</b>{% endif %}',
    '{% with n=request.session.visits %}{{ n }}{% endwith %}',
  ].join('\n');
  assert.deepEqual(await keys(html), ['cart', 'coupon', 'visits']);
});

test('session API names and comments are not keys', async () => {
  const html = [
    '{{ request.session.items }} {{ request.session.session_key }}',
    '{# request.session.hidden #}',
    '{% comment %}request.session.old{% endcomment %}',
    '{{ request.user.name }}',
  ].join('\n');
  assert.deepEqual(await keys(html), []);
});

test('HTML around template tags is still HTML', async () => {
  const [line] = await tokenize('text.html.django', '<div class="x">{{ request.session.cart }}</div>');
  assert.ok(line.find((t) => t.text === 'div')?.scopes.some((s) => s.startsWith('entity.name.tag')), JSON.stringify(line));
  assert.ok(line.find((t) => t.text === '{{')?.scopes.includes('meta.template.expression.django'));
  assert.ok(line.find((t) => t.text === 'length' || t.text === 'cart')?.scopes.includes('meta.session-key.django'));
});
