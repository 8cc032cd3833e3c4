// `django-sessions decode VALUE|-`: decode (and with a secret, verify) session_data or a signed cookie.
import { decodeValue } from '../engine/codec';
import { CliError, EXIT_CLEAN, EXIT_FINDINGS } from '../errors';
import type { CliIo } from '../io';
import { oneOf, parseCommandArgs, str, strings } from '../options';
import { noSecretNotice, secretKeys } from '../secrets';

export const decodeUsage = `Usage: django-sessions decode VALUE|- [options]

Decodes a db/file session_data value or a signed_cookies session cookie exactly as
Django does; reads the value from stdin when VALUE is -.

Options:
  --secret-key-env VAR     verify the signature with the SECRET_KEY in this environment
                           variable (default: DJANGO_SECRET_KEY if set)
  --fallback-key-env VAR   a SECRET_KEY_FALLBACKS entry, in this variable (repeatable)
  --as auto|session-data|cookie
                           what the value is (default: auto)
  --format text|json       output format (default: text)
  -h, --help               show this help

Exit status: 0 decoded (and verified when a secret is given), 1 bad signature, expired or
undecodable, 2 usage or runtime error.
`;

export async function decodeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('decode', argv, {
    'secret-key-env': { type: 'string' }, 'fallback-key-env': { type: 'string', multiple: true }, as: { type: 'string' }, format: { type: 'string' },
  });
  if (values.help) return io.out(decodeUsage), EXIT_CLEAN;
  if (positionals.length !== 1) throw new CliError('decode: expected one VALUE (or - to read stdin)');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const kind = oneOf('as', values.as, ['auto', 'session-data', 'cookie'] as const, 'auto');
  const value = (positionals[0] === '-' ? io.readStdin() : positionals[0]).trim();
  if (!value) throw new CliError('decode: the value is empty');
  const secrets = secretKeys(io, str(values['secret-key-env']), strings(values['fallback-key-env']));
  if (secrets.length === 0) io.err(noSecretNotice);

  const decoded = decodeValue(value, secrets, kind);
  if (format === 'json') io.out(JSON.stringify(decoded, null, 2) + '\n');
  else {
    io.out(`status: ${decoded.status}${decoded.reason ? ` (${decoded.reason})` : ''}\n`);
    if (decoded.format) io.out(`format: ${decoded.format}${decoded.algorithm ? `, ${decoded.algorithm}` : ''}\n`);
    if (decoded.secretIndex) io.out(`signed with SECRET_KEY_FALLBACKS[${decoded.secretIndex - 1}] (rotate: re-save to sign with SECRET_KEY)\n`);
    if (decoded.user) io.out(`user:   ${decoded.user}\n`);
    if (decoded.expiry) io.out(`expiry: ${decoded.expiry}\n`);
    if (decoded.data) io.out(`data:   ${JSON.stringify(decoded.data, null, 2).replace(/\n/g, '\n        ')}\n`);
  }
  return decoded.status === 'valid' || decoded.status === 'no-secret' || decoded.status === 'legacy' ? EXIT_CLEAN : EXIT_FINDINGS;
}
