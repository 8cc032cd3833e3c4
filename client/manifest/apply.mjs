// Writes the client's manifest fields into package.json, leaving every other field as it is.
// Run under the npm lock (others run npm install concurrently): flock /tmp/npm.lock node client/manifest/apply.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { manifest } from './manifest.mjs';

const path = new URL('../../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
for (const [field, value] of Object.entries(manifest)) pkg[field] = value;
writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: wrote ${Object.keys(manifest).join(', ')}`);
