// The `djangoSessions.*` configuration, as the server and the client both read it.

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export interface ConfiguredStore {
  engine: 'db' | 'cache' | 'cached_db' | 'file' | 'signed_cookies';
  /** e.g. `sqlite:db.sqlite3`, `postgres://app@127.0.0.1:5432/shop`, `redis://127.0.0.1:6379/0` — no password. */
  url: string;
  table?: string;
  keyPrefix?: string;
  label?: string;
}

export interface DjangoSessionsSettings {
  settingsModule: string | null;
  productionSettings: string[];
  exclude: string[];
  severity: Record<string, RuleSeverity>;
  stores: ConfiguredStore[];
  readOnly: boolean;
  maskKeys: boolean;
  autoRefreshSeconds: number;
}

export const defaultSettings: DjangoSessionsSettings = {
  settingsModule: null,
  productionSettings: [],
  exclude: ['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/site-packages/**', '**/.git/**'],
  severity: {},
  stores: [],
  readOnly: true,
  maskKeys: true,
  autoRefreshSeconds: 0,
};

const severities: RuleSeverity[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Tolerant reader: anything malformed falls back to the default. */
export function settingsFrom(raw: unknown): DjangoSessionsSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown, d: string[]) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : d);
  const severity: Record<string, RuleSeverity> = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [code, level] of Object.entries(r.severity as Record<string, unknown>)) {
      if (severities.includes(level as RuleSeverity)) severity[code] = level as RuleSeverity;
    }
  }
  return {
    settingsModule: typeof r.settingsModule === 'string' && r.settingsModule ? r.settingsModule : null,
    productionSettings: strings(r.productionSettings, defaultSettings.productionSettings),
    exclude: strings(r.exclude, defaultSettings.exclude),
    severity,
    stores: Array.isArray(r.stores) ? (r.stores.filter((s) => s && typeof s === 'object' && typeof (s as ConfiguredStore).url === 'string') as ConfiguredStore[]) : [],
    readOnly: typeof r.readOnly === 'boolean' ? r.readOnly : defaultSettings.readOnly,
    maskKeys: typeof r.maskKeys === 'boolean' ? r.maskKeys : defaultSettings.maskKeys,
    autoRefreshSeconds: typeof r.autoRefreshSeconds === 'number' && r.autoRefreshSeconds >= 0 ? r.autoRefreshSeconds : 0,
  };
}
