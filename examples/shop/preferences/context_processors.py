def preferences(request):
    """Exposes the theme to every template (add to TEMPLATES' context_processors)."""
    session = getattr(request, 'session', None)
    if session is None:
        return {}
    return {'theme': request.session.get('theme', 'light')}
