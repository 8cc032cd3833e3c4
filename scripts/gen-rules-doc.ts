// Writes docs/rules.md from the rules' own docs. Run: npx tsx scripts/gen-rules-doc.ts
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../server/src/rules/docs';

writeFileSync('docs/rules.md', renderRulesDoc());
console.log('docs/rules.md written');
