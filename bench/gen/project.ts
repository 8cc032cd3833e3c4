// Plans and writes a deterministic Django project: same (files, seed) -> byte-identical tree.
// Files are produced one at a time, so 50k files / 500 MB never sit in memory together.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as py from './python';
import { Rng } from './random';
import { template } from './templates';
import { NOUNS, SESSION_KEYS } from './words';
import { type KeyProbe, SourceWriter } from './writer';

/** Bump when the output changes, so cached projects are regenerated. */
export const GENERATOR_VERSION = 1;
export const MANIFEST = '.bench-manifest.json';

type Kind = 'empty' | 'small' | 'settings' | 'views' | 'models' | 'forms' | 'tests' | 'migration' | 'service' | 'template';

interface PlannedFile {
  path: string;
  kind: Kind;
  /** Mean size in bytes for this kind; the actual target is drawn around it. */
  mean: number;
  app?: py.AppContext;
  /** For migrations: the number; for small files: which one. */
  arg?: string | number;
}

export interface GeneratedFile {
  path: string;
  text: string;
  probes: KeyProbe[];
  usesSession: boolean;
}

export interface Manifest {
  generatorVersion: number;
  seed: string;
  files: number;
  bytes: number;
  sessionFiles: number;
  project: string;
  /** Literal-key positions (a deterministic sample, at most 5,000). */
  probes: KeyProbe[];
}

const PROJECT = 'config';
const KB = 1024;

function appFiles(app: py.AppContext): PlannedFile[] {
  const a = app.app;
  const files: PlannedFile[] = [
    { path: `${a}/__init__.py`, kind: 'empty', mean: 0 },
    { path: `${a}/apps.py`, kind: 'small', mean: 0, app, arg: 'apps' },
    { path: `${a}/models.py`, kind: 'models', mean: 16 * KB, app },
    { path: `${a}/admin.py`, kind: 'small', mean: 0, app, arg: 'admin' },
    { path: `${a}/urls.py`, kind: 'small', mean: 0, app, arg: 'urls' },
    { path: `${a}/forms.py`, kind: 'forms', mean: 7 * KB, app },
    { path: `${a}/views/__init__.py`, kind: 'empty', mean: 0 },
  ];
  if (app.keyConstants) files.push({ path: `${a}/session_keys.py`, kind: 'small', mean: 0, app, arg: 'keys' });
  for (const noun of NOUNS.slice(0, 5)) files.push({ path: `${a}/views/${noun}s.py`, kind: 'views', mean: 20 * KB, app });
  files.push({ path: `${a}/services.py`, kind: 'service', mean: 12 * KB, app });
  files.push({ path: `${a}/tasks.py`, kind: 'service', mean: 9 * KB, app });
  files.push({ path: `${a}/migrations/__init__.py`, kind: 'empty', mean: 0 });
  for (let m = 1; m <= 3; m++) files.push({ path: `${a}/migrations/000${m}_auto.py`, kind: 'migration', mean: 9 * KB, app, arg: m });
  files.push({ path: `${a}/tests/__init__.py`, kind: 'empty', mean: 0 });
  for (const t of ['views', 'models', 'forms', 'api']) files.push({ path: `${a}/tests/test_${t}.py`, kind: 'tests', mean: 14 * KB, app });
  for (const noun of NOUNS.slice(5, 14)) files.push({ path: `${a}/templates/${a}/${noun}_list.html`, kind: 'template', mean: 9 * KB, app });
  return files;
}

function coreFiles(): PlannedFile[] {
  return [
    { path: 'manage.py', kind: 'small', mean: 0, arg: 'manage' },
    { path: `${PROJECT}/__init__.py`, kind: 'empty', mean: 0 },
    { path: `${PROJECT}/settings/__init__.py`, kind: 'empty', mean: 0 },
    { path: `${PROJECT}/settings/base.py`, kind: 'settings', mean: 0, arg: 'base' },
    { path: `${PROJECT}/settings/production.py`, kind: 'settings', mean: 0, arg: 'production' },
    { path: `${PROJECT}/settings/development.py`, kind: 'settings', mean: 0, arg: 'development' },
    { path: `${PROJECT}/urls.py`, kind: 'small', mean: 0, arg: 'root-urls' },
    { path: `${PROJECT}/wsgi.py`, kind: 'small', mean: 0, arg: 'wsgi' },
    { path: 'templates/base.html', kind: 'small', mean: 0, arg: 'base-html' },
  ];
}

/** The file list for `count` files: project core first, then apps until the count is reached. */
export function plan(count: number, seed: string): PlannedFile[] {
  const rng = new Rng(`${seed}/plan`);
  const files = coreFiles().slice(0, count);
  for (let i = 0; files.length < count; i++) {
    const noun = NOUNS[i % NOUNS.length];
    const app: py.AppContext = {
      project: PROJECT,
      app: `${noun}_${String(i).padStart(4, "0")}`,
      models: [0, 1, 2].map((k) => py.camel(NOUNS[(i + k * 7) % NOUNS.length])),
      keyConstants: rng.chance(0.3),
    };
    files.push(...appFiles(app).slice(0, count - files.length));
  }
  return files;
}

function appNames(files: PlannedFile[]): string[] {
  return [...new Set(files.filter((f) => f.app).map((f) => f.app!.app))];
}

function smallFile(w: SourceWriter, f: PlannedFile, apps: string[]): void {
  const a = f.app?.app ?? '';
  switch (f.arg) {
    case 'manage':
      return py.small(w, ['#!/usr/bin/env python', 'import os', 'import sys', '', '', 'def main():',
        `    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${PROJECT}.settings.production')`,
        '    from django.core.management import execute_from_command_line', '    execute_from_command_line(sys.argv)', '', '',
        "if __name__ == '__main__':", '    main()']);
    case 'wsgi':
      return py.small(w, ['import os', '', 'from django.core.wsgi import get_wsgi_application', '',
        `os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${PROJECT}.settings.production')`, 'application = get_wsgi_application()']);
    case 'root-urls':
      return py.small(w, ['from django.contrib import admin', 'from django.urls import include, path', '', 'urlpatterns = [',
        "    path('admin/', admin.site.urls),", ...apps.map((x) => `    path('${x}/', include('${x}.urls')),`), ']']);
    case 'base-html':
      return py.small(w, ['<!doctype html>', '<html lang="en">', '<head><title>{% block title %}{% endblock %}</title></head>',
        '<body>', '  {% if request.session.flash_banner %}<div class="banner">{{ request.session.flash_banner }}</div>{% endif %}',
        '  {% block content %}{% endblock %}', '</body>', '</html>']);
    case 'apps':
      return py.small(w, ['from django.apps import AppConfig', '', '', `class ${py.camel(a)}Config(AppConfig):`,
        "    default_auto_field = 'django.db.models.BigAutoField'", `    name = '${a}'`]);
    case 'admin':
      return py.small(w, ['from django.contrib import admin', '', `from .models import ${f.app!.models.join(', ')}`, '',
        ...f.app!.models.flatMap((m) => ['', `@admin.register(${m})`, `class ${m}Admin(admin.ModelAdmin):`,
          "    list_display = ('id', 'owner')", "    search_fields = ('id',)"])]);
    case 'urls':
      return py.small(w, ['from django.urls import path', '', 'from .views import ' + NOUNS.slice(0, 5).map((n) => `${n}s`).join(', '), '',
        `app_name = '${a}'`, 'urlpatterns = [', ...NOUNS.slice(0, 5).map((n) => `    path('${n}s/', ${n}s.index, name='${n}_list'),`), ']']);
    case 'keys':
      return py.small(w, ['# Session keys of this app, in one place.', ...SESSION_KEYS.map((k) => `${k.toUpperCase()}_KEY = '${k}'`)]);
  }
}

function settingsFile(w: SourceWriter, which: string, apps: string[]): void {
  if (which === 'base') {
    py.small(w, ['from pathlib import Path', '', 'BASE_DIR = Path(__file__).resolve().parent.parent.parent', '',
      "SECRET_KEY = 'django-insecure-bench-0123456789abcdefghijklmnopqrstuvwxyz'", 'DEBUG = True', "ALLOWED_HOSTS = ['*']", '',
      'INSTALLED_APPS = [', "    'django.contrib.admin',", "    'django.contrib.auth',", "    'django.contrib.contenttypes',",
      "    'django.contrib.sessions',", "    'django.contrib.messages',", "    'django.contrib.staticfiles',",
      ...apps.map((a) => `    '${a}',`), ']', '', 'MIDDLEWARE = [', "    'django.middleware.security.SecurityMiddleware',",
      "    'django.contrib.sessions.middleware.SessionMiddleware',", "    'django.middleware.common.CommonMiddleware',",
      "    'django.middleware.csrf.CsrfViewMiddleware',", "    'django.contrib.auth.middleware.AuthenticationMiddleware',",
      "    'django.contrib.messages.middleware.MessageMiddleware',", ']', '', `ROOT_URLCONF = '${PROJECT}.urls'`,
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}",
      "SESSION_ENGINE = 'django.contrib.sessions.backends.db'", 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 14',
      "CART_SESSION_ID = 'cart'", "TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [BASE_DIR / 'templates'], 'APP_DIRS': True, 'OPTIONS': {'context_processors': ['django.template.context_processors.request']}}]"]);
  } else if (which === 'production') {
    py.small(w, ['import os', '', 'from .base import *  # noqa: F403', '', 'DEBUG = False',
      "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", "ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'example.com').split(',')",
      "SESSION_COOKIE_SECURE = os.environ.get('SESSION_COOKIE_SECURE', 'true') == 'true'", 'SESSION_COOKIE_HTTPONLY = True',
      'CSRF_COOKIE_SECURE = True', "SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'",
      "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': 'redis://127.0.0.1:6379/1'}}"]);
  } else {
    py.small(w, ['from .base import *  # noqa: F403', '', 'DEBUG = True', "SESSION_ENGINE = 'django.contrib.sessions.backends.file'"]);
  }
}

const SESSION_SHARE: Partial<Record<Kind, number>> = { views: 0.15, tests: 0.08, template: 0.03 };

function build(f: PlannedFile, seed: string, apps: string[]): GeneratedFile {
  const rng = new Rng(`${seed}/${f.path}`);
  const w = new SourceWriter(f.path);
  const target = Math.round(f.mean * (0.4 + 1.2 * rng.next()));
  const sessions = rng.chance(SESSION_SHARE[f.kind] ?? 0);
  switch (f.kind) {
    case 'empty': break;
    case 'small': smallFile(w, f, apps); break;
    case 'settings': settingsFile(w, String(f.arg), apps); break;
    case 'views': py.views(rng, w, f.app!, target, sessions); break;
    case 'models': py.models(rng, w, f.app!, target); break;
    case 'forms': py.forms(rng, w, f.app!, target); break;
    case 'tests': py.tests(rng, w, f.app!, target, sessions); break;
    case 'migration': py.migration(rng, w, f.app!, target, Number(f.arg)); break;
    case 'service': py.service(rng, w, f.app!, target); break;
    case 'template': template(rng, w, f.app!.app, target, sessions); break;
  }
  const text = w.text();
  return { path: f.path, text, probes: w.probes, usesSession: text.includes('session[') || text.includes('session.') };
}

/** Every file of the project, in a fixed order, built lazily. */
export function* generate(count: number, seed: string): Generator<GeneratedFile> {
  const files = plan(count, seed);
  const apps = appNames(files);
  for (const f of files) yield build(f, seed, apps);
}

/** A views module of about `lines` lines with session accesses (the edit -> diagnostics file). */
export function largeViewsFile(lines: number, seed = 'large'): string {
  const rng = new Rng(`${seed}/large-views`);
  const w = new SourceWriter('large_views.py');
  const app: py.AppContext = { project: PROJECT, app: 'large', models: ['Order', 'Product', 'Invoice'], keyConstants: false };
  py.views(rng, w, app, 0, true); // imports only
  while (w.lines.length < lines) {
    const chunk = new SourceWriter('');
    py.views(rng, chunk, app, 4 * KB, true);
    // Keep only the chunk's functions and classes, not its import block.
    for (const l of chunk.lines.slice(chunk.lines.findIndex((l) => /^(def|class|@)/.test(l)))) w.line(l);
  }
  return w.lines.slice(0, lines).join('\n') + '\n';
}

/** Writes the project under `out` and its manifest; returns the manifest. */
export function writeProject(count: number, seed: string, out: string): Manifest {
  const probes: KeyProbe[] = [];
  let bytes = 0, sessionFiles = 0, seen = 0;
  for (const file of generate(count, seed)) {
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
    bytes += file.text.length;
    if (file.usesSession) sessionFiles++;
    // Reservoir-free deterministic sample: keep every probe until 5,000, then every 7th.
    for (const p of file.probes) if (probes.length < 5000 && (seen++ < 2500 || seen % 7 === 0)) probes.push(p);
  }
  const manifest: Manifest = { generatorVersion: GENERATOR_VERSION, seed, files: count, bytes, sessionFiles, project: PROJECT, probes };
  writeFileSync(join(out, MANIFEST), JSON.stringify(manifest));
  return manifest;
}
