// SARIF 2.1.0 for GitHub code scanning: one run, rules with help, results with relative URIs
// under the %SRCROOT% base id (GitHub resolves them against the repository root).
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CliDiagnostic, CliRule } from '../model';
import type { Severity } from '../options';

export const SRCROOT = '%SRCROOT%';

const level: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

export function sarifLog(diagnostics: CliDiagnostic[], rules: CliRule[], tool: SarifTool): Log {
  const known = new Map(rules.map((r) => [r.code, r]));
  // A diagnostic whose code has no documentation still gets a rule: results must reference one.
  for (const d of diagnostics) {
    if (!known.has(d.code)) known.set(d.code, { code: d.code, name: d.code, summary: d.message, help: d.message, djangoIds: d.django ? [d.django] : [], defaultSeverity: d.severity });
  }
  const used = [...known.values()];
  const index = new Map(used.map((r, i) => [r.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules: used.map(ruleDescriptor) } },
      columnKind: 'utf16CodeUnits',
      results: diagnostics.map((d) => result(d, index.get(d.code) ?? 0)),
    }],
  };
}

function ruleDescriptor(rule: CliRule): ReportingDescriptor {
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    help: { text: rule.help, markdown: rule.help },
    defaultConfiguration: { level: level[rule.defaultSeverity] },
    properties: { tags: rule.djangoIds.length ? ['security', 'django', ...rule.djangoIds] : ['django', 'sessions'] },
  };
}

function result(d: CliDiagnostic, ruleIndex: number): Result {
  return {
    ruleId: d.code,
    ruleIndex,
    level: level[d.severity],
    message: { text: d.django ? `${d.message} (${d.django})` : d.message },
    // `<module>` stands for a settings module that is not in the project: no file to point at.
    locations: d.file.startsWith('<') ? [] : [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(d.file), uriBaseId: SRCROOT },
        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
      },
    }],
    // Stable across unrelated edits above the finding: GitHub matches alerts between runs with it.
    partialFingerprints: { 'djangoSessions/v1': `${d.code}:${d.file}:${d.django ?? ''}:${d.message}` },
  };
}
