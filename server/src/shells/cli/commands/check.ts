// `django-sessions check [PATH]`: settings rules and key diagnostics, in text, JSON or SARIF.
import { checkWorkspace } from '../engine/analysis';
import { CliError, EXIT_CLEAN, EXIT_FINDINGS } from '../errors';
import { diagnosticsJson, diagnosticsText, sortDiagnostics } from '../format/diagnostics';
import { sarifLog } from '../format/sarif';
import type { CliIo } from '../io';
import { oneOf, parseCommandArgs, severities, severityRank, str } from '../options';
import { progressOn } from '../progress';
import { projectRoot, toolInfo } from './common';

export const checkUsage = `Usage: django-sessions check [PATH] [options]

Checks the Django settings under PATH (default: the current directory) like
\`manage.py check --deploy\`, plus the session-key diagnostics (DS101..DS104).

Options:
  --format text|json|sarif   output format (default: text)
  --fail-on error|warning|info
                             exit 1 when a finding is at least this severe (default: error)
  --django-version X.Y       the Django version whose check verdicts to follow (default: the
                             settings engine's, 3.2 semantics; they differ from 4.1 on)
  -h, --help                 show this help

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or runtime error.
`;

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', argv, {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'django-version': { type: 'string' },
  });
  if (values.help) return io.out(checkUsage), EXIT_CLEAN;
  const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], severities.filter((s) => s !== 'hint'), 'error');
  const root = projectRoot(io, positionals, 'check');

  const progress = progressOn(io);
  const djangoVersion = str(values['django-version']);
  if (djangoVersion !== undefined && !/^\d+\.\d+$/.test(djangoVersion)) throw new CliError(`--django-version must look like 3.2 or 5.2 (got ${JSON.stringify(djangoVersion)})`);
  const result = await checkWorkspace(root, { progress, env: io.env, djangoVersion }).finally(() => progress.done());
  const diagnostics = sortDiagnostics(result.diagnostics);

  if (format === 'json') io.out(diagnosticsJson(diagnostics));
  else if (format === 'sarif') io.out(JSON.stringify(sarifLog(diagnostics, result.rules, toolInfo()), null, 2) + '\n');
  else io.out(diagnosticsText(diagnostics));

  const failing = diagnostics.some((d) => severityRank(d.severity) >= severityRank(failOn));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}
