"""OAuth sign-in: the state and the provider's tokens are kept in the session, one key per provider."""
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect

PROVIDERS = {
    'github': 'https://github.com/login/oauth/authorize',
    'google': 'https://accounts.google.com/o/oauth2/v2/auth',
}


def oauth_start(request, provider):
    state = secrets.token_urlsafe(16)
    request.session[f"oauth_{provider}_state"] = state
    return redirect(f"{PROVIDERS[provider]}?state={state}")


def oauth_callback(request, provider):
    expected = request.session.pop(f"oauth_{provider}_state", None)
    if expected is None or request.GET.get('state') != expected:
        return HttpResponseBadRequest('bad state')
    tokens = exchange_code(provider, request.GET.get('code', ''))
    store_tokens(request.session, provider, tokens)
    return redirect('accounts:profile')


def store_tokens(session: SessionBase, provider, tokens):
    session[f"oauth_{provider}_access_token"] = tokens['access_token']
    session["oauth_%s_refresh_token" % provider] = tokens.get('refresh_token', '')


def remember_provider(session, provider):
    # `session` is a session because oauth_disconnect passes request.session to it (same file).
    session['last_oauth_provider'] = provider


def oauth_disconnect(request, provider):
    request.session.pop(f"oauth_{provider}_access_token", None)
    request.session.pop("oauth_{}_refresh_token".format(provider), None)
    remember_provider(request.session, provider)
    return redirect('accounts:profile')


def revoke_all_sessions_of(session_keys):
    """Signs a user out everywhere, whatever SESSION_ENGINE the project uses."""
    engine = import_module(settings.SESSION_ENGINE)
    for session_key in session_keys:
        store = engine.SessionStore(session_key=session_key)
        if 'last_oauth_provider' in store:
            store.flush()


def exchange_code(provider, code):
    # The network call to the provider is out of scope for the example.
    return {'access_token': f'{provider}-{code}', 'refresh_token': ''}
