// The bench's own SECRET_KEY for the data it signs (with Django itself) and decodes. It protects
// nothing, yet it is still never printed: the bench passes it to children through the environment.
export const BENCH_SECRET = 'ds-bench-secret-not-used-anywhere-else-0f3c9a7e1b5d';
export const BENCH_ENV = { ...process.env, DS_BENCH_SECRET: BENCH_SECRET };
