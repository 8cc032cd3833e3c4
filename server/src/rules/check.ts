// checkSettings: runs every rule on one SettingsModel and applies severities, configuration and
// SILENCED_SYSTEM_CHECKS.
import type { RuleSeverity } from '../../../common/settings';
import type { SettingsModel } from '../settings/types';
import { resolve } from '../settings/values';
import { ruleContext } from './context';
import { rules as allRules } from './registry';
import type { Rule, SettingsDiagnostic } from './types';

export interface CheckOptions {
  /** Target Django version, e.g. '3.2' (default) or '5.2': some verdicts differ by version. */
  djangoVersion?: string;
  /** `djangoSessions.severity`: by our code (`DS303`), rule name, or Django id (`security.W012`). */
  severity?: Readonly<Record<string, RuleSeverity>>;
  /** Overrides the model's production flag. */
  production?: boolean;
  /** Dotted modules of the workspace (custom session engines are looked up here). */
  workspaceModules?: ReadonlySet<string>;
  /** Rules to run (tests); default: all. */
  rules?: readonly Rule[];
}

/** The ids SILENCED_SYSTEM_CHECKS lists, when it is known. */
function silencedIds(model: SettingsModel): Set<string> {
  const assignment = model.get('SILENCED_SYSTEM_CHECKS');
  const r = assignment ? resolve(assignment.value) : undefined;
  return new Set(r?.known && Array.isArray(r.value) ? r.value.filter((x): x is string => typeof x === 'string') : []);
}

function severityFor(rule: Rule, djangoId: string | null, production: boolean, configured: Readonly<Record<string, RuleSeverity>>): RuleSeverity {
  return (djangoId ? configured[djangoId] : undefined) ?? configured[rule.code] ?? configured[rule.name]
    ?? rule.djangoIds.map((id) => configured[id]).find((s) => s !== undefined)
    ?? (production ? rule.severity.production : rule.severity.development);
}

export function checkSettings(model: SettingsModel, options: CheckOptions = {}): SettingsDiagnostic[] {
  const production = options.production ?? model.production;
  const modules = options.workspaceModules ?? new Set<string>();
  const ctx = ruleContext(model, options.djangoVersion, (m) => modules.has(m));
  const silenced = silencedIds(model);
  const out: SettingsDiagnostic[] = [];
  for (const rule of options.rules ?? allRules) {
    let findings;
    try {
      findings = rule.check(ctx);
    } catch (e) {
      // A rule bug must not take the other rules (or the server) down with it.
      findings = [{ message: `internal error in ${rule.code}: ${e instanceof Error ? e.message : String(e)}`, at: { file: model.file ?? '', span: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } } }];
    }
    for (const f of findings) {
      const djangoId = f.djangoId !== undefined ? f.djangoId : rule.djangoIds[0] ?? null;
      if (silenced.has(rule.code) || (djangoId && silenced.has(djangoId))) continue;
      const severity = severityFor(rule, djangoId, production, options.severity ?? {});
      if (severity === 'off') continue;
      out.push({ file: f.at.file, span: f.at.span, code: rule.code, djangoId, severity, message: f.message, fixes: f.fixes ?? [], module: model.module });
    }
  }
  return out;
}

/** The Django ids a model gets from the rules that reproduce Django's checks (for comparing with Django). */
export function djangoIdsReported(model: SettingsModel, djangoVersion: string): string[] {
  const diagnostics = checkSettings(model, { djangoVersion, production: true, severity: Object.fromEntries(allRules.map((r) => [r.code, 'warning' as const])) });
  return [...new Set(diagnostics.filter((d) => d.djangoId).map((d) => d.djangoId as string))].sort();
}
