// Python file bodies of a generated Django app: views, models, forms, tests, ... Each builder adds
// realistic units until the file reaches its target size; some units use the session.
import type { Rng } from './random';
import { FIELDS, NOUNS, SENTENCES, SESSION_KEYS, VERBS } from './words';
import type { SourceWriter } from './writer';

export interface AppContext {
  project: string;
  app: string;
  models: string[];
  /** Whether this app has a `session_keys.py` with constants (imported by some views). */
  keyConstants: boolean;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string): string => s.split('_').map(cap).join('');

function docstring(rng: Rng, w: SourceWriter, indent: string): void {
  w.line(`${indent}"""${rng.pick(SENTENCES)}"""`);
}

function plainView(rng: Rng, w: SourceWriter, ctx: AppContext, n: number): void {
  const model = rng.pick(ctx.models);
  const noun = model.toLowerCase();
  const verb = rng.pick(VERBS);
  w.line(`@login_required`);
  w.line(`def ${noun}_${verb}_${n}(request, pk=None):`);
  docstring(rng, w, '    ');
  w.line(`    queryset = ${model}.objects.filter(owner=request.user).order_by('-created_at')`);
  w.line(`    if pk is not None:`);
  w.line(`        obj = get_object_or_404(queryset, pk=pk)`);
  w.line(`    else:`);
  w.line(`        obj = None`);
  w.line(`    if request.method == 'POST':`);
  w.line(`        form = ${model}Form(request.POST, request.FILES, instance=obj)`);
  w.line(`        if form.is_valid():`);
  w.line(`            obj = form.save(commit=False)`);
  w.line(`            obj.owner = request.user`);
  w.line(`            obj.save()`);
  w.line(`            messages.success(request, _('${cap(noun)} saved.'))`);
  w.line(`            return redirect('${ctx.app}:${noun}_detail', pk=obj.pk)`);
  w.line(`    else:`);
  w.line(`        form = ${model}Form(instance=obj)`);
  w.line(`    paginator = Paginator(queryset, ${rng.int(10, 100)})`);
  w.line(`    page = paginator.get_page(request.GET.get('page'))`);
  w.line(`    context = {'form': form, 'object': obj, 'page': page, 'count': paginator.count}`);
  w.line(`    return render(request, '${ctx.app}/${noun}_${verb}.html', context)`);
  w.line();
  w.line();
}

function classView(rng: Rng, w: SourceWriter, ctx: AppContext, n: number): void {
  const model = rng.pick(ctx.models);
  const base = rng.pick(['ListView', 'DetailView', 'UpdateView', 'CreateView']);
  w.line(`class ${model}${base.replace('View', '')}View${n}(LoginRequiredMixin, ${base}):`);
  docstring(rng, w, '    ');
  w.line(`    model = ${model}`);
  w.line(`    paginate_by = ${rng.int(10, 50)}`);
  w.line(`    template_name = '${ctx.app}/${model.toLowerCase()}_${base.toLowerCase()}.html'`);
  w.line();
  w.line(`    def get_queryset(self):`);
  w.line(`        qs = super().get_queryset().select_related('owner')`);
  w.line(`        term = self.request.GET.get('q', '').strip()`);
  w.line(`        if term:`);
  w.line(`            qs = qs.filter(Q(name__icontains=term) | Q(description__icontains=term))`);
  w.line(`        return qs.filter(is_active=True)`);
  w.line();
  w.line(`    def get_context_data(self, **kwargs):`);
  w.line(`        context = super().get_context_data(**kwargs)`);
  w.line(`        context['total'] = self.get_queryset().aggregate(total=Sum('price'))['total'] or 0`);
  w.line(`        return context`);
  w.line();
  w.line();
}

/** One view that touches the session; key forms vary like in real projects. */
function sessionView(rng: Rng, w: SourceWriter, ctx: AppContext, n: number): void {
  const key = rng.pick(SESSION_KEYS);
  const other = rng.pick(SESSION_KEYS);
  const form = rng.int(0, 7);
  w.line(`def ${key}_${rng.pick(VERBS)}_${n}(request):`);
  docstring(rng, w, '    ');
  switch (form) {
    case 0:
      w.keyLine(`    value = request.session.get('${key}', {})`, key);
      w.line(`    value[str(request.POST.get('id'))] = int(request.POST.get('qty', 1))`);
      w.keyLine(`    request.session['${key}'] = value`, key);
      break;
    case 1:
      w.keyLine(`    if '${key}' in request.session:`, key);
      w.keyLine(`        del request.session['${key}']`, key);
      w.keyLine(`    request.session['${other}'] = request.GET.get('next', '/')`, other);
      break;
    case 2:
      w.keyLine(`    request.session['${key}']['items'].append(request.POST.get('id'))`, key);
      if (rng.chance(0.5)) w.line(`    request.session.modified = True`);
      break;
    case 3:
      w.line(`    step = request.GET.get('step', 'start')`);
      w.line(`    request.session[f'wizard_{step}_data'] = request.POST.dict()`);
      w.keyLine(`    request.session.setdefault('${key}', [])`, key);
      break;
    case 4:
      if (ctx.keyConstants) {
        w.line(`    current = request.session.get(${key.toUpperCase()}_KEY)`);
        w.line(`    request.session[${key.toUpperCase()}_KEY] = current or request.user.pk`);
      } else {
        w.keyLine(`    current = request.session.pop('${key}', None)`, key);
      }
      break;
    case 5:
      w.line(`    request.session[settings.CART_SESSION_ID] = request.session.get(settings.CART_SESSION_ID, {})`);
      w.keyLine(`    request.session['${key}'] = timezone.now().isoformat()`, key);
      break;
    case 6:
      w.keyLine(`    request.session['${key}'] = ${rng.pick(['True', '0', '[]', "'on'", '3.5', 'None'])}`, key);
      w.line(`    request.session.set_expiry(${rng.pick(['0', '300', '3600'])})`);
      break;
    default:
      w.keyLine(`    seen = request.session.get('${key}', [])`, key);
      w.line(`    seen = [x for x in seen if x != request.GET.get('id')][:20]`);
      w.keyLine(`    request.session['${key}'] = seen`, key);
  }
  w.line(`    return redirect(request.GET.get('next') or '${ctx.app}:index')`);
  w.line();
  w.line();
}

export function views(rng: Rng, w: SourceWriter, ctx: AppContext, target: number, sessions: boolean): void {
  w.line(`from django.conf import settings`);
  w.line(`from django.contrib import messages`);
  w.line(`from django.contrib.auth.decorators import login_required`);
  w.line(`from django.contrib.auth.mixins import LoginRequiredMixin`);
  w.line(`from django.core.paginator import Paginator`);
  w.line(`from django.db.models import Q, Sum`);
  w.line(`from django.shortcuts import get_object_or_404, redirect, render`);
  w.line(`from django.utils import timezone`);
  w.line(`from django.utils.translation import gettext as _`);
  w.line(`from django.views.generic import CreateView, DetailView, ListView, UpdateView`);
  w.line();
  w.line(`from ..forms import ${ctx.models.map((m) => `${m}Form`).join(', ')}`);
  w.line(`from ..models import ${ctx.models.join(', ')}`);
  if (sessions && ctx.keyConstants) {
    w.line(`from ..session_keys import (  # noqa: F401`);
    for (const key of SESSION_KEYS) w.line(`    ${key.toUpperCase()}_KEY,`);
    w.line(`)`);
  }
  w.line();
  w.line();
  w.line(`def index(request):`);
  w.line(`    return render(request, '${ctx.app}/index.html', {'app': '${ctx.app}'})`);
  w.line();
  w.line();
  let n = 0;
  // Session views are spread through the file, not bunched at the top.
  const sessionEvery = sessions ? rng.int(2, 5) : 0;
  while (w.size < target) {
    n++;
    if (sessionEvery && n % sessionEvery === 0) sessionView(rng, w, ctx, n);
    else if (rng.chance(0.6)) plainView(rng, w, ctx, n);
    else classView(rng, w, ctx, n);
  }
}

export function models(rng: Rng, w: SourceWriter, ctx: AppContext, target: number): void {
  w.line(`import uuid`);
  w.line();
  w.line(`from django.conf import settings`);
  w.line(`from django.db import models`);
  w.line(`from django.urls import reverse`);
  w.line();
  w.line(`STATUS_CHOICES = [('draft', 'Draft'), ('live', 'Live'), ('archived', 'Archived')]`);
  w.line();
  let i = 0;
  while (w.size < target) {
    const name = i < ctx.models.length ? ctx.models[i] : `${ctx.models[i % ctx.models.length]}Revision${i}`;
    i++;
    w.line();
    w.line(`class ${name}(models.Model):`);
    docstring(rng, w, '    ');
    w.line(`    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='+')`);
    const count = rng.int(4, 10);
    for (let f = 0; f < count; f++) {
      const [field, decl] = rng.pick(FIELDS);
      w.line(`    ${field}_${f} = ${decl}`);
    }
    w.line();
    w.line(`    class Meta:`);
    w.line(`        ordering = ['-created_at_0'] if False else ['pk']`);
    w.line(`        verbose_name = '${name.toLowerCase()}'`);
    w.line();
    w.line(`    def __str__(self):`);
    w.line(`        return f'${name} #{self.pk}'`);
    w.line();
    w.line(`    def get_absolute_url(self):`);
    w.line(`        return reverse('${ctx.app}:${name.toLowerCase()}_detail', kwargs={'pk': self.pk})`);
    w.line();
  }
}

export function forms(rng: Rng, w: SourceWriter, ctx: AppContext, target: number): void {
  w.line(`from django import forms`);
  w.line(`from django.core.exceptions import ValidationError`);
  w.line();
  w.line(`from .models import ${ctx.models.join(', ')}`);
  w.line();
  let i = 0;
  while (w.size < target || i < ctx.models.length) {
    const model = ctx.models[i % ctx.models.length];
    const name = i < ctx.models.length ? `${model}Form` : `${model}Form${i}`;
    i++;
    w.line();
    w.line(`class ${name}(forms.ModelForm):`);
    docstring(rng, w, '    ');
    w.line(`    class Meta:`);
    w.line(`        model = ${model}`);
    w.line(`        exclude = ['owner']`);
    w.line();
    w.line(`    def clean(self):`);
    w.line(`        data = super().clean()`);
    w.line(`        if data.get('quantity_${rng.int(0, 9)}', 1) < 0:`);
    w.line(`            raise ValidationError('Quantity must be positive.')`);
    w.line(`        return data`);
    w.line();
  }
}

export function tests(rng: Rng, w: SourceWriter, ctx: AppContext, target: number, sessions: boolean): void {
  w.line(`from django.contrib.auth import get_user_model`);
  w.line(`from django.test import TestCase`);
  w.line(`from django.urls import reverse`);
  w.line();
  w.line(`from ${ctx.app}.models import ${ctx.models[0]}`);
  w.line();
  w.line();
  w.line(`class ${camel(ctx.app)}Tests${rng.int(1, 99)}(TestCase):`);
  w.line(`    def setUp(self):`);
  w.line(`        self.user = get_user_model().objects.create_user('alice', password='pw')`);
  w.line(`        self.client.force_login(self.user)`);
  w.line();
  let n = 0;
  while (w.size < target) {
    n++;
    const noun = rng.pick(NOUNS);
    w.line(`    def test_${noun}_${rng.pick(VERBS)}_${n}(self):`);
    if (sessions && n % 3 === 0) {
      const key = rng.pick(SESSION_KEYS);
      w.line(`        session = self.client.session`);
      w.keyLine(`        session['${key}'] = {'id': ${n}}`, key);
      w.line(`        session.save()`);
      w.line(`        response = self.client.get(reverse('${ctx.app}:index'))`);
      w.keyLine(`        self.assertIn('${key}', self.client.session)`, key);
    } else {
      w.line(`        response = self.client.get(reverse('${ctx.app}:${noun}_list'), {'page': ${n}})`);
      w.line(`        self.assertEqual(response.status_code, 200)`);
      w.line(`        self.assertContains(response, '${noun}')`);
    }
    w.line(`        self.assertTemplateUsed(response, '${ctx.app}/${noun}_list.html')`);
    w.line();
  }
}

export function migration(rng: Rng, w: SourceWriter, ctx: AppContext, target: number, number: number): void {
  w.line(`from django.conf import settings`);
  w.line(`from django.db import migrations, models`);
  w.line(`import django.db.models.deletion`);
  w.line();
  w.line();
  w.line(`class Migration(migrations.Migration):`);
  w.line(`    initial = ${number === 1 ? 'True' : 'False'}`);
  w.line(`    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]`);
  w.line(`    operations = [`);
  let i = 0;
  while (w.size < target) {
    const model = ctx.models[i++ % ctx.models.length];
    w.line(`        migrations.AddField(`);
    w.line(`            model_name='${model.toLowerCase()}',`);
    w.line(`            name='extra_${number}_${i}',`);
    w.line(`            field=${rng.pick(FIELDS)[1]},`);
    w.line(`        ),`);
  }
  w.line(`    ]`);
}

export function service(rng: Rng, w: SourceWriter, ctx: AppContext, target: number): void {
  w.line(`import logging`);
  w.line(`from decimal import Decimal`);
  w.line();
  w.line(`from django.db import transaction`);
  w.line();
  w.line(`from .models import ${ctx.models.join(', ')}`);
  w.line();
  w.line(`logger = logging.getLogger(__name__)`);
  w.line();
  let n = 0;
  while (w.size < target) {
    n++;
    const model = rng.pick(ctx.models);
    w.line();
    w.line(`@transaction.atomic`);
    w.line(`def ${rng.pick(VERBS)}_${model.toLowerCase()}_${n}(obj_id, *, actor=None, amount=Decimal('0')):`);
    docstring(rng, w, '    ');
    w.line(`    obj = ${model}.objects.select_for_update().get(pk=obj_id)`);
    w.line(`    for attempt in range(${rng.int(2, 5)}):`);
    w.line(`        try:`);
    w.line(`            obj.price_${rng.int(0, 9)} = amount * ${rng.int(1, 9)}`);
    w.line(`            obj.save(update_fields=['updated_at'])`);
    w.line(`            break`);
    w.line(`        except Exception:  # noqa: BLE001`);
    w.line(`            logger.warning('retrying %s (%d)', obj_id, attempt)`);
    w.line(`    return obj`);
    w.line();
  }
}

export function small(w: SourceWriter, lines: string[]): void {
  for (const l of lines) w.line(l);
}

export { camel, cap };
