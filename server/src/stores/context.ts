// What an adapter needs at run time besides its StoreConfig; the service owns and updates it.

export interface AdapterContext {
  /** SECRET_KEY then SECRET_KEY_FALLBACKS; may be empty (sessions then show status no-secret). */
  secrets: string[];
  /** Store password from SecretStorage or the environment; never logged. */
  password?: string;
  /** Connect and per-command timeout in ms. */
  timeoutMs: number;
  now(): Date;
}

export function passwordFor(ctx: AdapterContext, passwordEnv: string | undefined): string | undefined {
  if (ctx.password !== undefined) return ctx.password;
  return passwordEnv ? process.env[passwordEnv] : undefined;
}
