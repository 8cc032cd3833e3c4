"""Creates Django's own django_session table (exact DDL) in a PostgreSQL database via migrate.

usage: migrate_sessions.py DBNAME   (127.0.0.1:5432, user postgres, trust auth)
"""
import sys

import django
from django.conf import settings
from django.core.management import call_command

settings.configure(
    SECRET_KEY="migrate-only",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": sys.argv[1], "USER": "postgres", "HOST": "127.0.0.1", "PORT": 5432}},
    USE_TZ=True,
)
django.setup()
call_command("migrate", "sessions", verbosity=0)
