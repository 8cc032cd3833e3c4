// One error type for every decoding failure; `reason` is what DecodedSession.reason reports.

export class CodecError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CodecError';
  }
}

/** The reason of any thrown value, for decoders that must turn every failure into a status. */
export function reasonOf(error: unknown): string {
  if (error instanceof CodecError) return error.reason;
  if (error instanceof RangeError) return `limit exceeded (${error.message})`;
  return error instanceof Error ? error.message : String(error);
}
