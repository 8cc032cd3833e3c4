from django.utils import translation


class SessionLanguageMiddleware:
    """Activates the language chosen on the preferences page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get('language')
        if language:
            translation.activate(language)
        return self.get_response(request)
