// The only reader (and writer) of the `djangoSessions.*` configuration in the client.
import * as vscode from 'vscode';
import { settingsFrom, type ConfiguredStore, type DjangoSessionsSettings } from '../../common/settings';

export const section = 'djangoSessions';

/** Normalised settings (malformed values fall back to defaults), for a resource or the workspace. */
export function readSettings(scope?: vscode.ConfigurationScope): DjangoSessionsSettings {
  const raw = vscode.workspace.getConfiguration(section, scope);
  const keys: (keyof DjangoSessionsSettings)[] = [
    'settingsModule', 'productionSettings', 'exclude', 'severity', 'stores', 'readOnly', 'maskKeys', 'autoRefreshSeconds',
  ];
  return settingsFrom(Object.fromEntries(keys.map((k) => [k, raw.get(k)])));
}

/** Changes the server must see (it pulls them); the client re-reads the rest on demand. */
export function affectsServer(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(section);
}

export function affectsLiveView(e: vscode.ConfigurationChangeEvent): boolean {
  return ['stores', 'readOnly', 'maskKeys', 'autoRefreshSeconds'].some((k) => e.affectsConfiguration(`${section}.${k}`));
}

/** Adds (or replaces, by url) a store in the workspace settings. Never carries a password. */
export async function saveStore(store: ConfiguredStore): Promise<void> {
  const stores = readSettings().stores.filter((s) => s.url !== store.url);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(section).update('stores', [...stores, store], target);
}
