// Top-level help.
export const mainUsage = `Usage: django-sessions <command> [options]

Commands:
  check [PATH]              settings checks (like manage.py check --deploy) and session-key diagnostics
  keys [PATH]               every session key in the code, with its reads and writes
  sessions list             live sessions in the project's store
  sessions show KEY         one session, decoded
  sessions delete KEY       delete one session (needs --yes)
  sessions clear-expired    Django's clearsessions for the store (needs --yes)
  decode VALUE|-            decode a session_data value or a signed session cookie
  demo                      the tour on examples/shop (what \`npm start\` runs)

Run \`django-sessions <command> --help\` for the options of a command.
Exit status: 0 clean, 1 findings (check --fail-on, decode of a bad value), 2 usage or runtime error.
`;
