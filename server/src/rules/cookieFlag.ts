// Django's W010-W015 logic, shared by the SESSION_COOKIE_SECURE and SESSION_COOKIE_HTTPONLY rules:
// app-only, middleware-only, or both (which Django reports as one combined id).
import { pyRepr } from '../settings/values';
import { clauseFor, knownStrings, locate, passesFlag, SESSION_APP, SESSION_MIDDLEWARE, setSettingFix } from './helpers';
import type { Finding, RuleContext } from './types';

export function cookieFlagFindings(ctx: RuleContext, name: string, ids: [app: string, middleware: string, both: string], why: string): Finding[] {
  const flag = ctx.setting(name);
  if (!flag.resolved.known || passesFlag(ctx, flag.resolved.value)) return [];
  const appsSetting = ctx.setting('INSTALLED_APPS');
  const middlewareSetting = ctx.setting('MIDDLEWARE');
  const apps = knownStrings(appsSetting);
  const middleware = knownStrings(middlewareSetting);
  if (!apps || !middleware) return [];
  const inApps = apps.includes(SESSION_APP);
  const inMiddleware = middleware.includes(SESSION_MIDDLEWARE);
  if (!inApps && !inMiddleware) return [];
  const id = inApps && inMiddleware ? ids[2] : inApps ? ids[0] : ids[1];
  const where = inApps && inMiddleware ? '' : inApps ? `'${SESSION_APP}' is in INSTALLED_APPS but ` : `SessionMiddleware is in MIDDLEWARE but `;
  const value = pyRepr(flag.resolved.value);
  const clause = clauseFor(flag);
  return [{
    djangoId: id,
    message: `${where}${name} is not True (it is ${value}${clause}). ${why}`,
    at: locate(ctx, flag, appsSetting, middlewareSetting),
    fixes: setSettingFix(ctx, flag, 'True'),
  }];
}
