#!/usr/bin/env bash
# Installs (Debian packages) and starts everything the test suite talks to, on loopback.
# Idempotent; run as root. Used by .ci/run and by developers before `npm test`.
set -euo pipefail

packages=(python3-django python3-django-redis python3-pymemcache python3-psycopg2 python3-mysqldb python3-lz4 python3-decouple python3-django-environ
          zstd memcached neovim ripgrep chromium libkrb5-dev procps)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "services: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

up() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
wait_up() { for _ in $(seq 1 60); do up "$1" && return 0; sleep 0.5; done; echo "services: port $1 did not open" >&2; return 1; }

if ! up 5432; then pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start; wait_up 5432; fi
if ! up 3306; then start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd; wait_up 3306; fi
if ! up 6379; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_up 6379
fi
if ! up 11211; then memcached -d -u root -l 127.0.0.1 -p 11211 -m 256; wait_up 11211; fi

psql -h 127.0.0.1 -U postgres -d test -qc 'select 1' >/dev/null
mariadb -h 127.0.0.1 -u root -e 'create database if not exists test' >/dev/null
echo "services: postgresql, mariadb, redis, memcached up; django $(/usr/bin/python3 -c 'import django; print(django.get_version())')"

# Django 5.x beside Debian's 3.2.25, where pip offers it: tests use PYTHONPATH=.cache/django5.
# The wheel is unpacked, not installed, so Debian's python3 keeps 3.2.25 as its default.
if [ ! -d .cache/django5/django ]; then
  mkdir -p .cache/wheels
  if timeout 120 pip download --no-deps -q -d .cache/wheels 'django>=5,<6' 2>/dev/null; then
    /usr/bin/python3 -m zipfile -e "$(ls .cache/wheels/[Dd]jango-5*.whl | head -1)" .cache/django5
  else
    echo "services: pip offers no Django 5.x here; tests run on Django 3.2.25 only" >&2
  fi
fi
[ -d .cache/django5/django ] && echo "services: django $(PYTHONPATH=.cache/django5 /usr/bin/python3 -c 'import django; print(django.get_version())') at .cache/django5"
true
