// Session keys that popular third-party apps write and read themselves, taken from their sources
// (django-allauth, social-auth-app-django with social-core, django-otp, django-hijack,
// django-formtools, django-oscar). A project that reads one of them never writes it (the app does, from
// site-packages, which the index does not read): without this list that read would be DS101.
// An app is in use when it is in INSTALLED_APPS or the project's code imports it. Exact keys count
// when the app is in use, or when INSTALLED_APPS is unknown; patterns (a backend's `<name>_state`)
// only when the app is known to be in use, as they are broad.
import { patternMatches } from '../index/keyPatterns';
import type { FeatureContext } from './context';

export interface AppKey {
  /** The INSTALLED_APPS entry (an AppConfig path below it counts too). */
  app: string;
  /** The distribution users know it by, for hover. */
  package: string;
  key: string;
  /** `*` stands for any text (a backend or wizard name). */
  pattern?: true;
  doc: string;
}

const ALLAUTH = 'django-allauth';
const SOCIAL = 'social-auth-app-django';
const OSCAR = 'django-oscar';

export const APP_KEYS: readonly AppKey[] = [
  { app: 'allauth.account', package: ALLAUTH, key: 'account_verified_email', doc: 'An email address verified before signup (adapter.stash_verified_email).' },
  { app: 'allauth.account', package: ALLAUTH, key: 'account_login', doc: 'The login in progress between its stages (MFA, verification).' },
  { app: 'allauth.account', package: ALLAUTH, key: 'account_authentication_methods', doc: 'How the user authenticated in this session (password, social, MFA...).' },
  { app: 'allauth.account', package: ALLAUTH, key: 'account_reauthentication_state', doc: 'The request to resume after reauthentication.' },
  { app: 'allauth.account', package: ALLAUTH, key: 'account_email_verification_code', doc: 'State of email verification by code.' },
  { app: 'allauth.account', package: ALLAUTH, key: 'account_phone_verification', doc: 'State of phone verification by code.' },
  { app: 'allauth.account', package: ALLAUTH, key: 'account_password_reset_verification', doc: 'State of password reset by code.' },
  { app: 'allauth.account', package: ALLAUTH, key: '_password_reset_key', doc: 'The password reset key stashed between the two requests of the reset-from-key view.' },
  { app: 'allauth.socialaccount', package: ALLAUTH, key: 'socialaccount_states', doc: 'OAuth state parameters of pending social logins.' },
  { app: 'allauth.socialaccount', package: ALLAUTH, key: 'socialaccount_sociallogin', doc: 'A social login waiting for the signup form.' },
  { app: 'allauth.socialaccount', package: ALLAUTH, key: 'oauth_*_request_token', pattern: true, doc: "An OAuth 1 provider's request token (Twitter's, ...), by its request token URL's host." },
  { app: 'allauth.socialaccount', package: ALLAUTH, key: 'oauth_*_access_token', pattern: true, doc: "An OAuth 1 provider's access token, read back by allauth's OAuth client." },
  { app: 'allauth.socialaccount.providers.facebook', package: ALLAUTH, key: 'allauth_facebook_nonce', doc: 'Nonce of the Facebook JS SDK login.' },
  { app: 'allauth.mfa', package: ALLAUTH, key: 'mfa.totp.secret', doc: 'The TOTP secret being set up (a secret: never shown).' },
  { app: 'allauth.mfa', package: ALLAUTH, key: 'mfa.webauthn.state', doc: 'WebAuthn registration or authentication state.' },
  { app: 'allauth.headless', package: ALLAUTH, key: 'headless_refresh_tokens', doc: 'Refresh tokens of the headless JWT strategy.' },
  { app: 'social_django', package: SOCIAL, key: 'partial_pipeline_token', doc: 'Token of an interrupted (partial) authentication pipeline.' },
  { app: 'social_django', package: SOCIAL, key: 'partial_pipeline_pending_token', doc: 'Partial pipeline token waiting for confirmation.' },
  { app: 'social_django', package: SOCIAL, key: 'partial_pipeline_pending_request', doc: 'Request data of a partial pipeline waiting for confirmation.' },
  { app: 'social_django', package: SOCIAL, key: 'partial_pipeline_pending_confirmation', doc: 'Nonce confirming a pending partial pipeline.' },
  { app: 'social_django', package: SOCIAL, key: 'social_auth_last_login_backend', doc: 'Provider of the last social login.' },
  { app: 'social_django', package: SOCIAL, key: 'email_validation_address', doc: 'Address being validated by the mail validation pipeline step.' },
  { app: 'social_django', package: SOCIAL, key: '*_state', pattern: true, doc: "OAuth2 state of a backend (`github_state`, ...)." },
  { app: 'social_django', package: SOCIAL, key: '*_code_verifier', pattern: true, doc: 'PKCE code verifier of a backend.' },
  { app: 'social_django', package: SOCIAL, key: '*unauthorized_token_name', pattern: true, doc: 'OAuth1 request tokens of a backend.' },
  { app: 'django_otp', package: 'django-otp', key: 'otp_device_id', doc: 'The OTP device the user verified with (django_otp.DEVICE_ID_SESSION_KEY).' },
  { app: 'hijack', package: 'django-hijack', key: 'hijack_history', doc: 'The users an admin is acting as, to release them in turn.' },
  { app: 'formtools', package: 'django-formtools', key: 'wizard_*', pattern: true, doc: "A SessionWizardView's steps and data (`wizard_` + the view's name in snake case)." },
  { app: 'oscar', package: OSCAR, key: 'checkout_data', doc: "The checkout's answers by namespace (shipping address, method, payment): CheckoutSessionData.SESSION_KEY." },
  { app: 'oscar', package: OSCAR, key: 'checkout_order_id', doc: 'The order just placed, for the thank-you page.' },
  { app: 'oscar', package: OSCAR, key: 'anon_order_email', doc: "An anonymous customer's email, to look up their order." },
  { app: 'oscar', package: OSCAR, key: 'offer_wizard', doc: "The dashboard's offer wizard: each step's form data (OfferWizardStepView.wizard_name)." },
  { app: 'oscar', package: OSCAR, key: 'bulk_intermediate', doc: "The dashboard's bulk edit selection (OSCAR_BULK_INTERMEDIATE_SESSION_KEY's default)." },
  { app: 'oscar', package: OSCAR, key: 'add_to_basket_form_post_data_*', pattern: true, doc: 'An add-to-basket form that failed, kept for the redirect (by product id).' },
];

/** What says an app is used: INSTALLED_APPS (null when unknown), or the project's code importing it
 * (django-formtools' wizard works without being installed as an app). */
export interface AppsInUse {
  installed: readonly string[] | null;
  /** Apps of APP_KEYS that some indexed file imports. */
  imported: ReadonlySet<string>;
}

/** The app key matching `key`: exact keys of apps in use (of all, when INSTALLED_APPS is unknown), patterns only of apps in use. */
export function appKeyFor(key: string, use: AppsInUse): AppKey | undefined {
  return APP_KEYS.find((entry) => entry.pattern
    ? inUse(entry, use) && patternMatches(entry.key, key)
    : entry.key === key && (use.installed === null || inUse(entry, use)));
}

/** The exact keys of the apps in use (for completion). */
export function installedAppKeys(use: AppsInUse): AppKey[] {
  return APP_KEYS.filter((entry) => !entry.pattern && inUse(entry, use));
}

const APPS = [...new Set(APP_KEYS.map((entry) => entry.app))];

/** INSTALLED_APPS of the settings module Django would load (null when unknown), and the apps the code
 * imports (by top-level package: importing `allauth.socialaccount` counts for `allauth.account` too). */
export function appsInUse(context: FeatureContext): AppsInUse {
  const index = context.index;
  const imported = new Set(APPS.filter((app) => index.importsPackage(app.split('.', 1)[0])));
  const value = index.getSettings()?.get('INSTALLED_APPS')?.value;
  const installed = value?.kind !== 'known' || !Array.isArray(value.value) ? null : value.value.filter((x): x is string => typeof x === 'string');
  return { installed, imported };
}

function inUse(entry: AppKey, use: AppsInUse): boolean {
  return use.imported.has(entry.app) || isInstalled(entry, use.installed);
}

/** The app, an AppConfig path below it, or a package above it is in INSTALLED_APPS. */
function isInstalled(entry: AppKey, installed: readonly string[] | null): boolean {
  return installed !== null && installed.some((app) => app === entry.app || app.startsWith(`${entry.app}.`) || entry.app.startsWith(`${app}.`));
}
