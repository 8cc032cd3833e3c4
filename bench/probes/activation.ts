// Child process: require + activate of the bundled client (dist/client.js) against a minimal
// `vscode` stub, the micro-measure of extension activation. The stub answers every API with an
// inert object, so this times the extension's own work, not VS Code's.
// usage: node activation.cjs DIST_CLIENT_JS EXTENSION_ROOT
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * An object that is every vscode API at once: callable, constructible, any property (assignable),
 * not a thenable.
 */
function inert(path: string): unknown {
  const target = function () { /* inert */ };
  const assigned = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => path;
      if (prop === Symbol.iterator) return function* () { /* empty */ };
      if (prop === 'length') return 0;
      return inert(`${path}.${String(prop)}`);
    },
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    defineProperty(_t, prop, descriptor) {
      assigned.set(prop, descriptor.value);
      return true;
    },
    ownKeys: () => [...Object.getOwnPropertyNames(target), ...[...assigned.keys()].filter((k) => typeof k === 'string')] as string[],
    getOwnPropertyDescriptor(t, prop) {
      if (assigned.has(prop)) return { value: assigned.get(prop), enumerable: true, configurable: true, writable: true };
      return Reflect.getOwnPropertyDescriptor(t, prop);
    },
    apply: () => inert(`${path}()`),
    construct: () => inert(`new ${path}`) as object,
  });
}

const [clientJs, extensionRoot] = process.argv.slice(2);
// esbuild's ESM interop copies a module's *own* names, so the API names the bundle uses
// (`vscode.window`, `vscode_1.workspace`, ...) become real properties of the stub.
const stub = inert('vscode') as Record<string, unknown>;
// A minified bundle renames `vscode`, so the common namespaces and classes are listed as well.
const COMMON = ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'l10n', 'authentication', 'debug', 'tasks',
  'Uri', 'EventEmitter', 'Disposable', 'Range', 'Position', 'Location', 'Selection', 'TreeItem', 'TreeItemCollapsibleState',
  'ThemeIcon', 'ThemeColor', 'MarkdownString', 'StatusBarAlignment', 'ConfigurationTarget', 'ProgressLocation', 'ViewColumn',
  'CancellationTokenSource', 'CancellationError', 'RelativePattern', 'Diagnostic', 'DiagnosticSeverity', 'CodeAction',
  'CodeActionKind', 'CompletionItem', 'CompletionItemKind', 'SnippetString', 'TextEdit', 'WorkspaceEdit', 'FileType',
  'ExtensionMode', 'UIKind', 'LogLevel', 'version'];
const used = [...readFileSync(clientJs, 'utf8').matchAll(/\bvscode(?:_1|\d*)\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
const names = new Set([...COMMON, ...used]);
for (const name of names) stub[name] = inert(`vscode.${name}`);
const modules = Module as unknown as { _load: Loader };
const load = modules._load;
modules._load = function (request, parent, isMain) {
  return request === 'vscode' ? stub : load.call(this, request, parent, isMain);
};
// The language client starts in the background; its failures against the stub are not activation.
process.on('unhandledRejection', () => undefined);

const context = new Proxy({
  subscriptions: [] as unknown[],
  extensionPath: extensionRoot,
  asAbsolutePath: (p: string) => join(extensionRoot, p),
}, { get: (t, prop) => (prop in t ? t[prop as keyof typeof t] : inert(`context.${String(prop)}`)) });

const t0 = performance.now();
const ext = Module.createRequire(__filename)(clientJs) as { activate(c: unknown): unknown };
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, subscriptions: context.subscriptions.length })}\n`);
setTimeout(() => process.exit(0), 50);
