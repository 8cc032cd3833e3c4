"""Django's own SessionStore().decode over the bench data: sessions per second, several runs.

usage: decode_rate.py DATA.json RUNS   (DS_BENCH_SECRET in the environment)
Prints one JSON line: {"django": version, "rates": [sessions/s per run], "count": n}.
"""
import json
import os
import sys
import time

import django
from django.conf import settings


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    settings.configure(
        SECRET_KEY=os.environ["DS_BENCH_SECRET"],
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
    )
    django.setup()
    from django.contrib.sessions.backends.file import SessionStore

    with open(path) as f:
        data = json.load(f)["session_data"]
    store = SessionStore()
    for s in data:  # one untimed warm-up pass, as the TS probe does
        store.decode(s)
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for s in data:
            store.decode(s)
        rates.append(len(data) / (time.perf_counter() - started))
    print(json.dumps({"django": django.get_version(), "rates": rates, "count": len(data)}))


if __name__ == "__main__":
    main()
