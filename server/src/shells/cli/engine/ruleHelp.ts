// A rule's documentation (Ruff-style headings) as the Markdown SARIF `help` carries.
import type { RuleDocs } from '../../../rules/types';

export function ruleHelp(summary: string, docs: RuleDocs): string {
  return [
    `**${summary}**`,
    `## What it does\n${docs.whatItDoes}`,
    `## Why is this bad?\n${docs.whyIsThisBad}`,
    `## Example\n\`\`\`python\n${docs.example}\n\`\`\``,
    // `fix` mixes prose and Python: kept as written.
    `## Fix\n${docs.fix}`,
    ...(docs.versions ? [`## Django versions\n${docs.versions}`] : []),
  ].join('\n\n');
}
