// Configure a store: engine, connection (URL without password), password and SECRET_KEY into
// SecretStorage; the store itself into the workspace's `djangoSessions.stores`.
import * as vscode from 'vscode';
import type { ConfiguredStore } from '../../../common/settings';
import { readSettings, saveStore } from '../config';
import type { Ctx } from '../ctx';
import { validateStoreUrl } from '../model/storeUrl';
import { setSecretKey } from './secrets';

interface Choice extends vscode.QuickPickItem {
  engine: ConfiguredStore['engine'];
  example: string;
  needsPassword: boolean;
}

const choices: Choice[] = [
  { label: 'Database: SQLite', detail: 'django.contrib.sessions.backends.db', engine: 'db', example: 'sqlite:db.sqlite3', needsPassword: false },
  { label: 'Database: PostgreSQL', detail: 'django.contrib.sessions.backends.db', engine: 'db', example: 'postgres://app@127.0.0.1:5432/shop', needsPassword: true },
  { label: 'Database: MySQL / MariaDB', detail: 'django.contrib.sessions.backends.db', engine: 'db', example: 'mysql://app@127.0.0.1:3306/shop', needsPassword: true },
  { label: 'Cache: Redis', detail: 'django.contrib.sessions.backends.cache', engine: 'cache', example: 'redis://127.0.0.1:6379/0', needsPassword: true },
  { label: 'Cache: Memcached', detail: 'django.contrib.sessions.backends.cache', engine: 'cache', example: 'memcached://127.0.0.1:11211', needsPassword: false },
  { label: 'Cached database: Redis + PostgreSQL', detail: 'django.contrib.sessions.backends.cached_db', engine: 'cached_db', example: 'postgres://app@127.0.0.1:5432/shop', needsPassword: true },
  { label: 'Files', detail: 'django.contrib.sessions.backends.file', engine: 'file', example: 'file:/tmp/django-sessions', needsPassword: false },
];

export async function configureStore(ctx: Ctx): Promise<ConfiguredStore | undefined> {
  if (!ctx.api.canContactStores()) {
    void vscode.window.showWarningMessage('Trust this workspace to configure session stores: stores are not contacted in Restricted Mode.');
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(choices, { title: 'Configure a session store (1/3): engine', matchOnDetail: true });
  if (!choice) return undefined;
  const url = await vscode.window.showInputBox({
    title: 'Configure a session store (2/3): connection',
    prompt: 'Where the sessions are, without password',
    value: choice.example,
    ignoreFocusOut: true,
    validateInput: validateStoreUrl,
  });
  if (!url) return undefined;
  const store: ConfiguredStore = { engine: choice.engine, url: url.trim(), label: choice.label.replace(/^.*?: /, '') };
  let password: string | undefined;
  if (choice.needsPassword) {
    password = await vscode.window.showInputBox({
      title: 'Configure a session store (3/3): password',
      prompt: 'Store password (leave empty for none). Kept in the OS secret storage only.',
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return undefined;
  }
  const before = await storeIds(ctx);
  await saveStore(store);
  ctx.output.info(`Store configured: ${store.engine} ${store.url}`);
  if (password) {
    // The server names stores (normalised URL); the password is kept under the name it gave the new one.
    const added = [...(await storeIds(ctx))].filter((id) => !before.has(id));
    for (const id of added) await ctx.secrets.setPassword(id, password);
    if (!added.length) void vscode.window.showWarningMessage('The store was saved but the server did not list it: check the URL. The password was not stored.');
  }
  if (!(await ctx.secrets.secretKeys()).length) {
    const answer = await vscode.window.showInformationMessage('Sessions are signed with SECRET_KEY. Set it now to verify them?', 'Set SECRET_KEY', 'Later');
    if (answer === 'Set SECRET_KEY') await setSecretKey(ctx);
  }
  await ctx.liveModel.refresh();
  return store;
}

async function storeIds(ctx: Ctx): Promise<Set<string>> {
  try {
    return new Set((await ctx.api.stores({ configured: readSettings().stores })).stores.map((s) => s.id));
  } catch {
    return new Set();
  }
}
