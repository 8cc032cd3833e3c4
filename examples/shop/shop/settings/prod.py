"""Production settings: secrets and hosts come from the environment, sessions are cached_db."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
ALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', 'shop.example.com').split(',')

# Sessions live in the database with Redis in front: fast reads, and eviction logs nobody out.
SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'
CACHES = {
    'default': {
        'BACKEND': 'django_redis.cache.RedisCache',
        'LOCATION': os.environ.get('REDIS_URL', 'redis://127.0.0.1:6379/1'),
        'KEY_PREFIX': 'shop',
    },
}
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7
# Only a staging box without TLS sets DJANGO_INSECURE_COOKIES=1.
SESSION_COOKIE_SECURE = os.environ.get('DJANGO_INSECURE_COOKIES') != '1'
CSRF_COOKIE_SECURE = True

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
