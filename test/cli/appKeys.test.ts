// Keys written by third-party apps (server/src/features/appKeys.ts): a project reading them gets no
// "read but never written" (DS101) when the app is in INSTALLED_APPS or imported, and does otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { cli, json } from './cli';

const VIEWS = [
  'def done(request):',
  "    email = request.session.get('account_verified_email')",
  "    state = request.session.get('github_state')",
  "    steps = request.session.get('wizard_checkout_wizard')",
  "    return request.session.get('otp_device_idd')",
  '',
].join('\n');

function project(apps: string[], extra: Record<string, string> = {}): string {
  return scratchWorkspace({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_conf.settings')\n",
    'site_conf/__init__.py': '',
    'site_conf/settings.py': `SECRET_KEY = 'x'\nINSTALLED_APPS = ${JSON.stringify(apps)}\n`,
    'app/__init__.py': '',
    'app/views.py': VIEWS,
    ...extra,
  }, 'ds-app-keys-');
}

async function neverWritten(root: string): Promise<string[]> {
  const run = await cli(['check', root, '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const out = json<{ diagnostics: { code: string; message: string }[] }>(run);
  return out.diagnostics.filter((d) => d.code === 'DS101').map((d) => /'([^']+)'/.exec(d.message)![1]).sort();
}

test('installed allauth, social_django, formtools, django_otp: their keys are known; a misspelling is still reported', async () => {
  const root = project(['django.contrib.sessions', 'allauth', 'allauth.account', 'social_django', 'formtools', 'django_otp']);
  assert.deepEqual(await neverWritten(root), ['otp_device_idd']);
});

test('not installed: the same reads are reported', async () => {
  const root = project(['django.contrib.sessions']);
  assert.deepEqual(await neverWritten(root), ['account_verified_email', 'github_state', 'otp_device_idd', 'wizard_checkout_wizard']);
});

test("an app the code imports is in use without being in INSTALLED_APPS (formtools' wizard, as django-two-factor-auth uses it)", async () => {
  const root = project(['django.contrib.sessions'], {
    'app/wizard.py': 'from formtools.wizard.views import SessionWizardView\n\nclass CheckoutWizard(SessionWizardView):\n    pass\n',
  });
  assert.deepEqual(await neverWritten(root), ['account_verified_email', 'github_state', 'otp_device_idd']);
});

test('keys says who writes an app key', async () => {
  const root = project(['django.contrib.sessions', 'allauth.account']);
  const run = await cli(['keys', root]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /account_verified_email \(django-allauth\)/);
});

test("django-oscar's keys, read by a project built on it (openedx/ecommerce's offer wizard test): known once an oscar app is installed", async () => {
  const reads = {
    'app/tests.py': [
      'def test_offer(client):',
      "    assert client.session['offer_wizard']['metadata']",
      "    assert client.session.get('checkout_order_id')",
      "    assert client.session.get('add_to_basket_form_post_data_12')",
      '',
    ].join('\n'),
  };
  const oscar = project(['django.contrib.sessions', 'oscar', 'oscar.apps.checkout.apps.CheckoutConfig'], reads);
  assert.deepEqual(await neverWritten(oscar), ['account_verified_email', 'github_state', 'otp_device_idd', 'wizard_checkout_wizard']);
  const without = project(['django.contrib.sessions'], reads);
  assert.deepEqual((await neverWritten(without)).filter((k) => !['account_verified_email', 'github_state', 'otp_device_idd', 'wizard_checkout_wizard'].includes(k)),
    ['add_to_basket_form_post_data_12', 'checkout_order_id', 'offer_wizard']);
});

test("a write allauth's OAuth 1 client reads back (dj-rest-auth's oauth_api.twitter.com_access_token): no DS102 once allauth.socialaccount is in use", async () => {
  const write = { 'app/social.py': "def login(request, token):\n    request.session['oauth_api.twitter.com_access_token'] = {'oauth_token': token}\n" };
  const neverRead = async (root: string) => {
    const out = json<{ diagnostics: { code: string; message: string }[] }>(await cli(['check', root, '--format', 'json']));
    return out.diagnostics.filter((d) => d.code === 'DS102').map((d) => /'([^']+)'/.exec(d.message)![1]);
  };
  assert.deepEqual(await neverRead(project(['django.contrib.sessions', 'allauth', 'allauth.socialaccount'], write)), []);
  assert.deepEqual(await neverRead(project(['django.contrib.sessions'], write)), ['oauth_api.twitter.com_access_token']);
});
