"""Helpers the preferences views keep a visitor's choices with, one session key per choice."""


def remember(request, name, value):
    """Keeps one preference for the rest of the visit."""
    request.session[name] = value


def recall(request, name, default=None):
    """A preference kept with remember(), or `default`."""
    return request.session.get(name, default)
