// Builds the language client: dist/server.js over node IPC, Python files and Django templates.
import * as vscode from 'vscode';
import { indexCacheDir } from './indexCache';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export { State } from 'vscode-languageclient/node';
import { readSettings, section } from './config';
import { redactingChannel } from './traceChannel';

export const documentSelector = [
  { scheme: 'file', language: 'python' },
  { scheme: 'file', language: 'django-html' },
  // Jinja2 templates (Django's Jinja2 backend), whatever language an extension gives them.
  { scheme: 'file', pattern: '**/jinja2/**/*.{html,txt}' },
  { scheme: 'file', pattern: '**/*.{jinja,jinja2,j2}' },
  { scheme: 'file', language: 'html', pattern: '**/templates/**' },
  { scheme: 'file', language: 'plaintext', pattern: '**/templates/**/*.txt' },
];

/** `knownSecrets` lists the secrets currently in use, so the trace can mask them verbatim too. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, knownSecrets: () => string[]): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // The protocol trace carries request parameters: never let secrets through.
    traceOutputChannel: redactingChannel(output, knownSecrets),
    // Tell the server when settings change (it then pulls them); it registers its own file watchers.
    synchronize: { configurationSection: section },
    // cacheDir: the server keeps its facts cache in this workspace's extension storage (no secrets: see factsCache.ts).
    initializationOptions: { settings: readSettings(), trusted: vscode.workspace.isTrusted, cacheDir: indexCacheDir(context) },
    middleware: {
      workspace: {
        // The server pulls `djangoSessions`; answer with the normalised settings, not raw values.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) return raw;
          return params.items.map((item, i) => {
            if (item.section !== section) return raw[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return readSettings(scope);
          });
        },
      },
    },
  };
  return new LanguageClient('djangoSessions', 'Django Sessions', serverOptions, clientOptions);
}
