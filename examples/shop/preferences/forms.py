from django import forms
from django.conf import settings

THEMES = [('light', 'Light'), ('dark', 'Dark')]


class PreferencesForm(forms.Form):
    theme = forms.ChoiceField(choices=THEMES)
    language = forms.ChoiceField(choices=settings.LANGUAGES)
