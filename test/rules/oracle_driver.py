"""Runs Django's `check --deploy` on many settings fixtures in one interpreter.

Django is imported once; each fixture/variant runs in a forked child (settings can only be configured
once per process), with its own working directory, sys.path and environment. Input (stdin): a JSON list
of {"id", "dir", "env"}. Output (stdout): one JSON line per job: {"id", "output", "error"}, where
"output" is what `check --deploy --fail-level CRITICAL` printed.
"""
import io
import json
import os
import sys
import traceback

import django
import django.core.checks  # noqa: F401  (warm the import cache before forking)
from django.core.management import call_command

try:  # the fixtures' env libraries; absent ones only fail the fixtures that use them
    import decouple  # noqa: F401
    import environ  # noqa: F401
except ImportError:
    pass


def run(job):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        result = {"id": job["id"], "output": "", "error": None}
        try:
            os.chdir(job["dir"])
            sys.path.insert(0, job["dir"])
            os.environ.update(job["env"])
            os.environ["DJANGO_SETTINGS_MODULE"] = job["module"]
            django.setup()
            out = io.StringIO()
            call_command("check", "--deploy", "--fail-level", "CRITICAL", stdout=out, stderr=out)
            result["output"] = out.getvalue()
        except BaseException:  # noqa: B902  report, never hang the parent
            result["error"] = traceback.format_exc(limit=3)
        with os.fdopen(write, "w") as fh:
            fh.write(json.dumps(result))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return data or json.dumps({"id": job["id"], "output": "", "error": "child died"})


def main():
    jobs = json.load(sys.stdin)
    for job in jobs:
        print(run(job), flush=True)


if __name__ == "__main__":
    main()
