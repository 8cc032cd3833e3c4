// What each probe (bench/probes/*.ts, run in a child process) prints as its last stdout line.

export interface IndexProbeResult {
  /** From just before the index build (modules loaded) to done, ms. */
  engineMs: number;
  /** Of which: walk + facts (index.build), and settings discovery + evaluation. */
  buildMs: number;
  settingsMs: number;
  files: number;
  parsed: number;
  /** Files taken from the facts cache (DJANGO_SESSIONS_CACHE_DIR set), not read. */
  cached: number;
  keys: number;
  accesses: number;
  settingsModule: string | null;
  rssMB: number;
  hwmMB: number;
}

export interface CodecProbeResult {
  /** Sessions per second, one per run. */
  rates: number[];
  count: number;
  /** Sessions whose decoded data differs from Django's (must be 0). */
  mismatches: number;
  statuses: Record<string, number>;
}

export interface LiveProbeResult {
  backend: string;
  /** list({ limit: 100 }) on an open adapter, ms per run. */
  pageMs: number[];
  /** open + first page + close, ms per run. */
  coldMs: number[];
  sessions: number;
  valid: number;
  /** PostgreSQL: EXPLAIN of the page query the adapter sent. */
  explain?: string[];
  query?: string;
}
