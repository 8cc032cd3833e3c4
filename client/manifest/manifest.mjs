// The client's part of package.json: activation, capabilities and every `contributes` entry.
// This file is the source of truth; `node client/manifest/apply.mjs` writes it into package.json
// (only these fields), and test/client/manifest.test.ts fails when package.json is stale.

const severityEnum = ['error', 'warning', 'info', 'hint', 'off'];
const engines = ['db', 'cache', 'cached_db', 'file', 'signed_cookies'];

/** `djangoSessions.*` settings: one entry per field of common/settings.ts, same defaults. */
const configuration = {
  title: 'Django Sessions',
  properties: {
    'djangoSessions.settingsModule': {
      type: ['string', 'null'],
      default: null,
      scope: 'resource',
      markdownDescription:
        'Dotted path of the Django settings module to analyse, e.g. `shop.settings.dev`. ' +
        '`null` finds it from `manage.py` / `wsgi.py` / `asgi.py` (`DJANGO_SETTINGS_MODULE`).',
    },
    'djangoSessions.productionSettings': {
      type: 'array',
      items: { type: 'string' },
      default: [],
      scope: 'resource',
      markdownDescription:
        'Settings modules (dotted paths) or files (globs) checked like `manage.py check --deploy`, ' +
        'e.g. `["shop.settings.prod"]`. Empty: files named `prod*.py` / `production*.py` under a settings package.',
    },
    'djangoSessions.exclude': {
      type: 'array',
      items: { type: 'string' },
      default: ['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/site-packages/**', '**/.git/**'],
      scope: 'resource',
      markdownDescription: 'Glob patterns of files and folders the index skips.',
    },
    'djangoSessions.severity': {
      type: 'object',
      default: {},
      scope: 'resource',
      additionalProperties: { type: 'string', enum: severityEnum },
      markdownDescription:
        'Override the severity of a diagnostic by our code or Django\'s check id, e.g. `{ "DS102": "off", "security.W012": "error" }`. ' +
        'Levels: `error`, `warning`, `info`, `hint`, `off`.',
    },
    'djangoSessions.stores': {
      type: 'array',
      default: [],
      scope: 'resource',
      markdownDescription:
        'Session stores to show in **Live Sessions**, besides those detected from the settings. ' +
        'Never put a password here: use the **Configure a Store** command (it keeps the password in the ' +
        'OS secret storage) or an environment variable.',
      items: {
        type: 'object',
        required: ['engine', 'url'],
        additionalProperties: false,
        properties: {
          engine: {
            type: 'string',
            enum: engines,
            markdownEnumDescriptions: [
              '`django.contrib.sessions.backends.db`: the `django_session` table.',
              '`django.contrib.sessions.backends.cache`: Redis or Memcached only.',
              '`django.contrib.sessions.backends.cached_db`: cache in front of the table.',
              '`django.contrib.sessions.backends.file`: one file per session in `SESSION_FILE_PATH`.',
              '`django.contrib.sessions.backends.signed_cookies`: nothing stored server-side (decode only).',
            ],
            markdownDescription: 'The `SESSION_ENGINE` of the store.',
          },
          url: {
            type: 'string',
            pattern: '^(?![a-z]+://[^/@]*:[^/@]*@)',
            patternErrorMessage: 'Remove the password from the URL; use the "Configure a Store" command to store it securely.',
            markdownDescription:
              'Where it is, without password: `sqlite:db.sqlite3`, `postgres://app@127.0.0.1:5432/shop`, ' +
              '`mysql://root@127.0.0.1:3306/shop`, `redis://127.0.0.1:6379/0`, `memcached://127.0.0.1:11211`, `file:/tmp/sessions`.',
          },
          table: { type: 'string', markdownDescription: 'Session table for `db`/`cached_db` (default `django_session`).' },
          keyPrefix: { type: 'string', markdownDescription: 'Cache `KEY_PREFIX` for `cache`/`cached_db` stores.' },
          label: { type: 'string', markdownDescription: 'Name shown in the Live Sessions view.' },
        },
      },
    },
    'djangoSessions.readOnly': {
      type: 'boolean',
      default: true,
      scope: 'resource',
      markdownDescription:
        'Never change a store: **Delete Session** and **Clear Expired Sessions** are refused. ' +
        'Turn off to allow them (each still asks for confirmation).',
    },
    'djangoSessions.maskKeys': {
      type: 'boolean',
      default: true,
      scope: 'resource',
      markdownDescription: 'Show session keys masked (`abcd…wxyz`). **Copy Session Key** always reveals on request.',
    },
    'djangoSessions.autoRefreshSeconds': {
      type: 'number',
      default: 0,
      minimum: 0,
      scope: 'resource',
      markdownDescription: 'Refresh **Live Sessions** every N seconds while the view is visible. `0` turns it off.',
    },
  },
};

const commands = [
  ['djangoSessions.restartServer', 'Restart Server', '$(debug-restart)'],
  ['djangoSessions.rebuildIndex', 'Rebuild Index (Forget the Facts Cache)'],
  ['djangoSessions.showOutput', 'Show Output', '$(output)'],
  ['djangoSessions.configureStore', 'Configure a Session Store…', '$(database)'],
  ['djangoSessions.setSecretKey', 'Set SECRET_KEY…', '$(key)'],
  ['djangoSessions.forgetSecrets', 'Forget Stored SECRET_KEY and Passwords'],
  ['djangoSessions.decode', 'Decode a Session Cookie or session_data…', '$(unlock)'],
  ['djangoSessions.clearExpired', 'Clear Expired Sessions…', '$(clear-all)'],
  ['djangoSessions.keys.refresh', 'Refresh Session Keys', '$(refresh)'],
  ['djangoSessions.keys.open', 'Open Access'],
  ['djangoSessions.live.refresh', 'Refresh Live Sessions', '$(refresh)'],
  ['djangoSessions.live.filter', 'Filter Live Sessions…', '$(filter)'],
  ['djangoSessions.live.clearFilter', 'Clear Filter', '$(clear-all)'],
  ['djangoSessions.live.loadMore', 'Load More Sessions'],
  ['djangoSessions.live.copyKey', 'Copy Session Key (Reveals It)', '$(copy)'],
  ['djangoSessions.live.open', 'Open Session as JSON', '$(json)'],
  ['djangoSessions.live.delete', 'Delete Session…', '$(trash)'],
  ['djangoSessions.live.goToCode', 'Go to Code Writing This Key', '$(go-to-file)'],
].map(([command, title, icon]) => ({ command, title, category: 'Django Sessions', ...(icon ? { icon } : {}) }));

/** Commands that only make sense on a tree item: hidden from the palette. */
const itemOnly = ['keys.open', 'live.loadMore', 'live.copyKey', 'live.open', 'live.delete', 'live.goToCode', 'live.clearFilter'];

const menus = {
  commandPalette: [
    ...itemOnly.map((c) => ({ command: `djangoSessions.${c}`, when: 'false' })),
    { command: 'djangoSessions.clearExpired', when: 'isWorkspaceTrusted' },
  ],
  'view/title': [
    { command: 'djangoSessions.keys.refresh', when: 'view == djangoSessions.keys', group: 'navigation' },
    { command: 'djangoSessions.live.filter', when: 'view == djangoSessions.live', group: 'navigation@1' },
    { command: 'djangoSessions.live.refresh', when: 'view == djangoSessions.live', group: 'navigation@2' },
    { command: 'djangoSessions.live.clearFilter', when: 'view == djangoSessions.live && djangoSessions.live.filtered', group: 'navigation@3' },
    { command: 'djangoSessions.configureStore', when: 'view == djangoSessions.live', group: 'store@1' },
    { command: 'djangoSessions.setSecretKey', when: 'view == djangoSessions.live', group: 'store@2' },
    { command: 'djangoSessions.decode', when: 'view == djangoSessions.live', group: 'store@3' },
  ],
  'view/item/context': [
    { command: 'djangoSessions.live.copyKey', when: 'view == djangoSessions.live && viewItem =~ /^session/', group: 'inline@1' },
    { command: 'djangoSessions.live.open', when: 'view == djangoSessions.live && viewItem =~ /^session/', group: 'inline@2' },
    { command: 'djangoSessions.live.delete', when: 'view == djangoSessions.live && viewItem =~ /^session/ && !djangoSessions.readOnly', group: '9_danger' },
    { command: 'djangoSessions.live.goToCode', when: 'view == djangoSessions.live && viewItem == dataKey.written', group: 'inline' },
    { command: 'djangoSessions.clearExpired', when: 'view == djangoSessions.live && viewItem == store && !djangoSessions.readOnly', group: '9_danger' },
  ],
};

const viewsWelcome = [
  {
    view: 'djangoSessions.keys',
    contents: 'Indexing the workspace for session keys…',
    when: 'djangoSessions.index.state == indexing',
  },
  {
    view: 'djangoSessions.keys',
    contents: 'No session key found. Keys appear here when code reads or writes `request.session[...]`.\n[Refresh](command:djangoSessions.keys.refresh)',
    when: 'djangoSessions.index.state == ready',
  },
  {
    view: 'djangoSessions.keys',
    contents: 'The language server is not running.\n[Restart Server](command:djangoSessions.restartServer)\n[Show Output](command:djangoSessions.showOutput)',
    when: 'djangoSessions.index.state == error || djangoSessions.index.state == stopped',
  },
  {
    view: 'djangoSessions.live',
    contents: 'Live sessions are off in Restricted Mode: this workspace is not trusted, so no session store is contacted.\n[Manage Workspace Trust](command:workbench.trust.manage)',
    when: '!isWorkspaceTrusted',
  },
  {
    view: 'djangoSessions.live',
    contents: 'Loading session stores…',
    when: 'isWorkspaceTrusted && (djangoSessions.live.state == loading || djangoSessions.live.state == idle)',
  },
  {
    view: 'djangoSessions.live',
    contents: 'No session store found in the settings or configuration.\n[Configure a Store](command:djangoSessions.configureStore)\nSessions are decoded with SECRET_KEY (kept in the OS secret storage, or `DJANGO_SECRET_KEY`).\n[Set SECRET_KEY](command:djangoSessions.setSecretKey)',
    when: 'isWorkspaceTrusted && djangoSessions.live.state == empty',
  },
  {
    view: 'djangoSessions.live',
    contents: 'Could not list the session stores.\n[Retry](command:djangoSessions.live.refresh)\n[Show Output](command:djangoSessions.showOutput)',
    when: 'isWorkspaceTrusted && djangoSessions.live.state == error',
  },
];

export const manifest = {
  main: './dist/client.js',
  icon: 'media/icon.png',
  activationEvents: [
    'workspaceContains:**/manage.py',
    'onLanguage:python',
    'onLanguage:django-html',
    'onView:djangoSessions.keys',
    'onView:djangoSessions.live',
  ],
  capabilities: {
    untrustedWorkspaces: {
      supported: 'limited',
      description:
        'In Restricted Mode the code analysis works, but no session store is contacted and the store settings of the workspace are ignored.',
      restrictedConfigurations: ['djangoSessions.stores', 'djangoSessions.readOnly'],
    },
    virtualWorkspaces: { supported: 'limited', description: 'Live sessions need a local workspace.' },
  },
  contributes: {
    configuration,
    commands,
    menus,
    viewsWelcome,
    viewsContainers: {
      activitybar: [{ id: 'djangoSessions', title: 'Django Sessions', icon: 'media/sessions.svg' }],
    },
    views: {
      djangoSessions: [
        { id: 'djangoSessions.keys', name: 'Session Keys', icon: 'media/sessions.svg', contextualTitle: 'Django Sessions' },
        { id: 'djangoSessions.live', name: 'Live Sessions', icon: 'media/sessions.svg', contextualTitle: 'Django Sessions' },
      ],
    },
    languages: [
      { id: 'django-html', aliases: ['Django HTML', 'django-html'], extensions: ['.djhtml'] },
    ],
    grammars: [
      { language: 'django-html', scopeName: 'text.html.django', path: './syntaxes/django-html.tmLanguage.json' },
      { scopeName: 'session-keys.python.injection', path: './syntaxes/session-keys.python.injection.tmLanguage.json', injectTo: ['source.python'] },
      { scopeName: 'session-keys.django.injection', path: './syntaxes/session-keys.django.injection.tmLanguage.json', injectTo: ['text.html.django'] },
    ],
    snippets: [
      { language: 'python', path: './snippets/python.json' },
      { language: 'django-html', path: './snippets/django-html.json' },
    ],
  },
};
