// Django templates of a generated app; a few read the session through `request.session`.
import type { Rng } from './random';
import { NOUNS, SESSION_KEYS, SENTENCES } from './words';
import type { SourceWriter } from './writer';

export function template(rng: Rng, w: SourceWriter, app: string, target: number, sessions: boolean): void {
  w.line(`{% extends "base.html" %}`);
  w.line(`{% load i18n static humanize %}`);
  w.line();
  w.line(`{% block title %}{% translate "${app}" %}{% endblock %}`);
  w.line();
  w.line(`{% block content %}`);
  let n = 0;
  while (w.size < target) {
    n++;
    const noun = rng.pick(NOUNS);
    w.line(`<section class="${noun}-list" id="${noun}-${n}">`);
    w.line(`  <h2>{% blocktranslate count counter=page.paginator.count %}${noun}{% plural %}${noun}s{% endblocktranslate %}</h2>`);
    w.line(`  <p class="lead">${rng.pick(SENTENCES)}</p>`);
    if (sessions && n % 4 === 1) {
      const key = rng.pick(SESSION_KEYS);
      w.keyLine(`  {% if request.session.${key} %}<span class="badge">{{ request.session.${key}|length }}</span>{% endif %}`, key);
    }
    w.line(`  <table class="table table-sm">`);
    w.line(`    <thead><tr><th>{% translate "Name" %}</th><th>{% translate "Price" %}</th><th></th></tr></thead>`);
    w.line(`    <tbody>`);
    w.line(`    {% for item in page.object_list %}`);
    w.line(`      <tr class="{% cycle 'odd' 'even' %}">`);
    w.line(`        <td><a href="{% url '${app}:${noun}_detail' pk=item.pk %}">{{ item.name|truncatechars:${rng.int(20, 60)} }}</a></td>`);
    w.line(`        <td>{{ item.price|floatformat:2|intcomma }}</td>`);
    w.line(`        <td>{% if item.is_active %}<img src="{% static 'img/ok.svg' %}" alt="">{% endif %}</td>`);
    w.line(`      </tr>`);
    w.line(`    {% empty %}`);
    w.line(`      <tr><td colspan="3">{% translate "Nothing yet." %}</td></tr>`);
    w.line(`    {% endfor %}`);
    w.line(`    </tbody>`);
    w.line(`  </table>`);
    w.line(`</section>`);
  }
  w.line(`{% endblock %}`);
}
