from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from .forms import LoginForm


def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        user = authenticate(request, **form.cleaned_data)
        if user is not None:
            # A fresh session key before login prevents session fixation (login() also does it).
            request.session.cycle_key()
            login(request, user)
            # BUG (intentional, for diagnostics): a datetime cannot be stored by the JSON serializer.
            request.session['last_login_at'] = timezone.now()
            request.session['login_count'] = request.session.get('login_count', 0) + 1
            return redirect(request.session.pop('next_url', '/'))
    return render(request, 'accounts/login.html', {'form': form})


def logout_view(request):
    logout(request)
    return redirect('/')


@login_required
def profile(request):
    context = {
        'user_id': request.session[SESSION_KEY],
        'backend': request.session.get(BACKEND_SESSION_KEY),
        'login_count': request.session.get('login_count', 0),
        'providers': [p for p in ('github', 'google') if f"oauth_{p}_access_token" in request.session],
    }
    return render(request, 'accounts/profile.html', context)


def remember_next(request):
    """Keeps where to go after login, for views that send anonymous users to the login page."""
    request.session['next_url'] = request.GET.get('next', '/')
    return redirect('accounts:login')
