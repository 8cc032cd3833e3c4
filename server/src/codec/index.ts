// The codec's public surface: Django-exact session decoding and encoding, no IO.
export type { DecodedSession, DecodeOptions, PickleLimits, PyJson, SessionExpiry, SessionStatus } from './types';
export { CodecError } from './errors';
export { decodeSessionData, decodeSignedCookie, decodePickledSession, SESSION_SALT, COOKIE_SALT, DEFAULT_COOKIE_AGE } from './session';
export { sessionUser, sessionExpiry } from './expiry';
export { unpickle, tryUnpickle, type UnpickleResult } from './pickle/index';
export { parsePythonJson } from './pyjson/parse';
export { dumpPythonJson, pyFloatRepr, type PyEncodable } from './pyjson/dump';
export { encodeSessionData, signCookie, signingDumps, encodeLegacySessionData, type SignOptions } from './encode';
export { payloadBytes, deserialize } from './payload';
export { inflateCapped, DEFAULT_MAX_INFLATED_BYTES } from './zlib';
export { b64urlDecode, b64stdDecode, b64urlEncode } from './base64';
export { decodeSessionDataBatch } from './bench';
export type { HashAlgorithm } from './hmac';
