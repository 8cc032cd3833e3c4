"""Realistic session dicts and Django's own encoding of them (the bench's reference data).

usage: sessions.py encode COUNT SEED OUT.json   -> {"session_data": [...], "decoded": [...]} (db format)
       sessions.py pickled COUNT SEED OUT.json  -> {"values_b64": [...]} (RedisCache value bytes)
Run with Debian's /usr/bin/python3 (Django 3.2) or PYTHONPATH=.cache/django5 (Django 5.2).
The secret comes from the DS_BENCH_SECRET environment variable, never from argv.
"""
import base64
import json
import os
import random
import sys

import django
from django.conf import settings


def configure():
    settings.configure(
        SECRET_KEY=os.environ["DS_BENCH_SECRET"],
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
        USE_TZ=True,
    )
    django.setup()


def session_dict(rng, i):
    d = {
        "_auth_user_id": str(rng.randint(1, 10**6)),
        "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
        "_auth_user_hash": "%064x" % rng.getrandbits(256),
    }
    if rng.random() < 0.6:
        d["cart"] = {str(rng.randint(1, 5000)): rng.randint(1, 5) for _ in range(rng.randint(1, 12))}
    if rng.random() < 0.4:
        d["recently_viewed"] = [rng.randint(1, 10**5) for _ in range(rng.randint(1, 20))]
    if rng.random() < 0.3:
        d["last_search"] = "".join(rng.choice("abcdefghij klmnop") for _ in range(rng.randint(3, 40)))
    if rng.random() < 0.2:
        d["_session_expiry"] = rng.choice([0, 300, 3600])
    if rng.random() < 0.1:
        d["filters"] = {"price_max": rng.random() * 100, "in_stock": True, "brands": ["acme", "caf\u00e9"]}
    return d


def main():
    mode, count, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    configure()
    rng = random.Random(seed)
    dicts = [session_dict(rng, i) for i in range(count)]
    if mode == "encode":
        from django.contrib.sessions.backends.file import SessionStore  # same salt as db: qualname SessionStore

        store = SessionStore()
        data = [store.encode(d) for d in dicts]
        result = {"django": django.get_version(), "session_data": data, "decoded": [store.decode(s) for s in data]}
    elif mode == "pickled":
        import pickle

        # Django 4.0+ RedisCache: RedisSerializer pickles (HIGHEST_PROTOCOL) everything but exact ints.
        try:
            from django.core.cache.backends.redis import RedisSerializer

            blobs = [RedisSerializer().dumps(d) for d in dicts]
        except ImportError:
            blobs = [pickle.dumps(d, pickle.HIGHEST_PROTOCOL) for d in dicts]
        result = {"django": django.get_version(), "values_b64": [base64.b64encode(b).decode() for b in blobs], "decoded": dicts}
    else:
        raise SystemExit("unknown mode " + mode)
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
