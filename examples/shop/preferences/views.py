from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from .forms import PreferencesForm
from .store import recall, remember

THEME_KEY = 'theme'
LANGUAGE_KEY = 'language'


def preferences(request):
    initial = {
        'theme': request.session.get(THEME_KEY, 'light'),
        'language': request.session.get(LANGUAGE_KEY, settings.LANGUAGE_CODE),
    }
    # BUG (intentional, for diagnostics): 'font_size' is read here but nothing ever writes it.
    font_size = request.session.get('font_size', 'medium')
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == 'POST' and form.is_valid():
        request.session[THEME_KEY] = form.cleaned_data['theme']
        request.session[LANGUAGE_KEY] = form.cleaned_data['language']
        translation.activate(form.cleaned_data['language'])
        return redirect('preferences:edit')
    density = recall(request, 'density', 'comfortable')
    return render(request, 'preferences/edit.html', {'form': form, 'font_size': font_size, 'density': density})


@require_POST
def set_density(request):
    remember(request, 'density', request.POST.get('density', 'comfortable'))
    return redirect('preferences:edit')


@require_POST
def toggle_theme(request):
    if THEME_KEY in request.session and request.session[THEME_KEY] == 'dark':
        request.session[THEME_KEY] = 'light'
    else:
        request.session[THEME_KEY] = 'dark'
    return redirect(request.POST.get('next', '/'))


@require_POST
def reset(request):
    request.session.pop(THEME_KEY, None)
    if 'language' not in request.session:
        return redirect('preferences:edit')
    del request.session['language']
    return redirect('preferences:edit')
