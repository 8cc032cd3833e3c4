// Finds the settings modules of a workspace: the one DJANGO_SETTINGS_MODULE names (manage.py, wsgi.py,
// asgi.py, pytest/django-stubs config, .env, or the djangoSessions.settingsModule override), and every
// settings-like module (settings.py, a settings/ package, *_settings.py) so each gets diagnostics.
import { posix } from 'node:path';
import { initPythonParser, parsePython, type SyntaxNode } from '../syntax/python';
import { fileOfModule, moduleOfFile, projectRoots } from './modules';
import { isProductionModule } from './production';
import { fieldOf, namedChildren, plainString } from './syntax';
import type { WorkspaceAccess } from './types';

export type DeclarationSource = 'override' | 'manage.py' | 'wsgi.py' | 'asgi.py' | 'pytest' | 'django-stubs' | '.env';

export interface SettingsModuleInfo {
  module: string;
  /** Workspace-relative file, or undefined when the declared module is not in the workspace. */
  file: string | undefined;
  production: boolean;
  /** Where DJANGO_SETTINGS_MODULE names it, when something does. */
  declaredBy?: { file: string; source: DeclarationSource };
}

export interface DiscoveredSettings {
  /** The module Django would load: the override, else the first declaration found (manage.py first). */
  primary: SettingsModuleInfo | null;
  /** Every settings module: declared ones and settings-like files, each once. */
  modules: SettingsModuleInfo[];
}

export interface DiscoverOptions {
  settingsModule?: string | null;
  productionSettings?: readonly string[];
}

const VARIABLE = 'DJANGO_SETTINGS_MODULE';
const sourceOrder: DeclarationSource[] = ['override', 'manage.py', 'wsgi.py', 'asgi.py', 'pytest', 'django-stubs', '.env'];

/** `os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x')` or `os.environ['DJANGO_SETTINGS_MODULE'] = 'x'`. */
function declaredInPython(root: SyntaxNode): string | undefined {
  let found: string | undefined;
  const visit = (node: SyntaxNode) => {
    if (found !== undefined) return;
    if (node.type === 'call') {
      const fn = fieldOf(node, 'function');
      const args = namedChildren(fieldOf(node, 'arguments') ?? node);
      if (fn?.text.endsWith('environ.setdefault') && args.length >= 2 && plainString(args[0]) === VARIABLE) found = plainString(args[1]) ?? undefined;
    } else if (node.type === 'assignment') {
      const left = fieldOf(node, 'left');
      const right = fieldOf(node, 'right');
      if (left?.type === 'subscript' && fieldOf(left, 'value')?.text.endsWith('environ')) {
        const key = fieldOf(left, 'subscript');
        if (key && plainString(key) === VARIABLE && right) found = plainString(right) ?? undefined;
      }
    }
    for (const c of node.namedChildren) if (c) visit(c);
  };
  visit(root);
  return found;
}

/** `KEY = value` inside one of `sections` of an INI/TOML text (quotes stripped). */
function iniValue(text: string, sections: string[], key: string): string | undefined {
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      section = line.slice(1, -1).trim().replace(/^"|"$/g, '');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !sections.includes(section)) continue;
    if (line.slice(0, eq).trim().toLowerCase() !== key.toLowerCase()) continue;
    return unquote(line.slice(eq + 1).split('#')[0].trim());
  }
  return undefined;
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.endsWith(q) && value.length >= 2 ? value.slice(1, -1) : value;
}

function dotenvValue(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line.startsWith(`${VARIABLE}=`) || line.startsWith(`${VARIABLE} =`)) return unquote(line.slice(line.indexOf('=') + 1).trim());
  }
  return undefined;
}

/** Files that may name the settings module (DJANGO_SETTINGS_MODULE). */
const DECLARING_FILES = new Set(['manage.py', 'wsgi.py', 'asgi.py', 'pytest.ini', 'tox.ini', 'setup.cfg', 'pyproject.toml', 'mypy.ini', '.env']);

async function declarations(access: WorkspaceAccess): Promise<{ module: string; file: string; source: DeclarationSource }[]> {
  const out: { module: string; file: string; source: DeclarationSource }[] = [];
  const read = async (f: string) => {
    try {
      const text = await access.readFile(f);
      return text !== undefined && text.length < 1_000_000 && !text.includes('\0') ? text : undefined;
    } catch {
      return undefined;
    }
  };
  let parser: Awaited<ReturnType<typeof initPythonParser>> | undefined;
  for (const file of access.files) {
    // Most files are none of these: one set lookup on the name, no path parsing.
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (!DECLARING_FILES.has(base)) continue;
    const pythonSource = base === 'manage.py' ? 'manage.py' : base === 'wsgi.py' ? 'wsgi.py' : base === 'asgi.py' ? 'asgi.py' : undefined;
    if (pythonSource) {
      const text = await read(file);
      if (text === undefined) continue;
      parser ??= await initPythonParser();
      const tree = parsePython(parser, text);
      try {
        const module = declaredInPython(tree.rootNode);
        if (module) out.push({ module, file, source: pythonSource });
      } finally {
        tree.delete();
      }
      continue;
    }
    const configs: [string, string[], string, DeclarationSource][] = [
      ['pytest.ini', ['pytest'], VARIABLE, 'pytest'],
      ['tox.ini', ['pytest'], VARIABLE, 'pytest'],
      ['setup.cfg', ['tool:pytest'], VARIABLE, 'pytest'],
      ['pyproject.toml', ['tool.pytest.ini_options'], VARIABLE, 'pytest'],
      ['pyproject.toml', ['tool.django-stubs'], 'django_settings_module', 'django-stubs'],
      ['setup.cfg', ['mypy.plugins.django-stubs'], 'django_settings_module', 'django-stubs'],
      ['mypy.ini', ['mypy.plugins.django-stubs'], 'django_settings_module', 'django-stubs'],
    ];
    for (const [name, sections, key, source] of configs) {
      if (base !== name) continue;
      const text = await read(file);
      const module = text === undefined ? undefined : iniValue(text, sections, key);
      if (module) out.push({ module, file, source });
    }
    if (base === '.env') {
      const text = await read(file);
      const module = text === undefined ? undefined : dotenvValue(text);
      if (module) out.push({ module, file, source: '.env' });
    }
  }
  return out.sort((a, b) => sourceOrder.indexOf(a.source) - sourceOrder.indexOf(b.source) || a.file.length - b.file.length);
}

/** Folders of `startproject --template` / `startapp --template` templates (wagtail's, a company's
 * starter): their settings.py files hold `{{ secret_key }}` placeholders, not this workspace's settings. */
const TEMPLATE_FOLDER = /(^|\/)(project_template|app_template)\//;

/** settings.py, *_settings.py, settings_*.py, and modules inside a settings/ package. */
export function isSettingsLikeFile(file: string): boolean {
  if (!file.includes('settings') || !file.endsWith('.py') || file.includes('site-packages/') || file.includes('node_modules/')) return false;
  if (TEMPLATE_FOLDER.test(file)) return false;
  const base = posix.basename(file, '.py');
  const dir = posix.basename(posix.dirname(file));
  return base === 'settings' || base.endsWith('_settings') || base.startsWith('settings_') || dir === 'settings';
}

export async function findSettingsModules(access: WorkspaceAccess, options: DiscoverOptions = {}): Promise<DiscoveredSettings> {
  const fileSet = new Set(access.files);
  const roots = projectRoots(access.files);
  const info = (module: string, near?: string, declaredBy?: SettingsModuleInfo['declaredBy']): SettingsModuleInfo => {
    const file = fileOfModule(module, access.files, near);
    return { module, file, production: isProductionModule(module, file, options.productionSettings), ...(declaredBy ? { declaredBy } : {}) };
  };
  const declared = (await declarations(access)).map((d) => info(d.module, d.file, { file: d.file, source: d.source }));
  const override = options.settingsModule ? info(options.settingsModule, undefined, { file: '', source: 'override' }) : undefined;
  const modules: SettingsModuleInfo[] = [];
  const add = (m: SettingsModuleInfo) => {
    if (!modules.some((x) => x.module === m.module && x.file === m.file)) modules.push(m);
  };
  if (override) add(override);
  declared.forEach(add);
  for (const file of access.files) {
    if (!isSettingsLikeFile(file)) continue;
    const module = moduleOfFile(file, fileSet, roots);
    if (!module) continue;
    // Named like settings but holding none (an empty __init__.py, a test module test_settings.py):
    // not a settings module. Declared modules are kept whatever they hold.
    if (!(await definesSettings(access, file))) continue;
    add({ module, file, production: isProductionModule(module, file, options.productionSettings) });
  }
  return { primary: override ?? declared[0] ?? null, modules };
}

/** Names of Django settings (the ones projects set most, and families by prefix): a module named
 * like settings that assigns none of them (a test module's `TOO_MUCH_DATA_MSG`) is not one. */
const DJANGO_SETTINGS = new Set(['DEBUG', 'SECRET_KEY', 'SECRET_KEY_FALLBACKS', 'INSTALLED_APPS', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'DATABASES',
  'ROOT_URLCONF', 'TEMPLATES', 'ALLOWED_HOSTS', 'WSGI_APPLICATION', 'ASGI_APPLICATION', 'TIME_ZONE', 'SITE_ID', 'LOGGING', 'ADMINS', 'MANAGERS',
  'APPEND_SLASH', 'PASSWORD_HASHERS', 'AUTHENTICATION_BACKENDS', 'CACHES', 'STORAGES', 'LANGUAGES', 'LOCALE_PATHS', 'STATICFILES_DIRS',
  'STATICFILES_FINDERS', 'STATICFILES_STORAGE', 'MESSAGE_STORAGE', 'FIXTURE_DIRS', 'INTERNAL_IPS', 'TEST_RUNNER']);
const DJANGO_SETTING_PREFIXES = /^(SESSION|CSRF|SECURE|LANGUAGE|EMAIL|SERVER|STATIC|MEDIA|DATABASE|CACHE|AUTH|LOGIN|LOGOUT|DEFAULT|FILE_UPLOAD|DATA_UPLOAD|X_FRAME|SILENCED|FORMAT|USE)_/;
/** Blocks whose statements run when the module is imported (a def's or class's body does not). */
const MODULE_LEVEL_BLOCKS = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

/** Whether a module's top level assigns a Django setting or star-imports (where settings come from). */
async function definesSettings(access: WorkspaceAccess, file: string): Promise<boolean> {
  let text: string | undefined;
  try {
    text = await access.readFile(file);
  } catch {
    return false;
  }
  if (!text || text.trim().length === 0) return false;
  const tree = parsePython(await initPythonParser(), text);
  try {
    return namedChildren(tree.rootNode).some(assignsSetting);
  } finally {
    tree.delete();
  }
}

function assignsSetting(node: SyntaxNode): boolean {
  if (node.type === 'import_from_statement') return namedChildren(node).some((c) => c.type === 'wildcard_import');
  if (node.type === 'expression_statement') {
    const statement = node.namedChild(0);
    if (statement?.type !== 'assignment' && statement?.type !== 'augmented_assignment') return false;
    const target = fieldOf(statement, 'left');
    return target?.type === 'identifier' && (DJANGO_SETTINGS.has(target.text) || DJANGO_SETTING_PREFIXES.test(target.text));
  }
  return MODULE_LEVEL_BLOCKS.has(node.type) && namedChildren(node).some(assignsSetting);
}
