// Validates a SARIF log against the official SARIF 2.1.0 JSON schema (draft-04), shipped by the
// @microsoft/jest-sarif package (its lib/schemas/sarif-2.1.0-rtm.5.json), with ajv.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

// The schema's `language` pattern is not valid in unicode mode (a stray `]`): compile patterns without `u`.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema errors, empty when the log is valid. */
export function sarifErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
