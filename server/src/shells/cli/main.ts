// Entry point of the CLI (placeholder until the CLI lands).
process.stderr.write('django-sessions: not built yet\n');
process.exitCode = 2;
