"""Development settings: runserver over plain HTTP, so the cookies cannot be Secure."""
from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ['localhost', '127.0.0.1']

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
