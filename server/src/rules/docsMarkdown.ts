// A rule's documentation as markdown, rendered from its `docs` fields (hover, and the docs pages).
import type { Rule } from './rule';
import { cweUrl } from './rule';
import { docsUrl } from './docsUrl';

export function ruleDocsMarkdown(rule: Rule): string {
  const d = rule.docs;
  const parts = [
    `### ${rule.code} ${rule.name}`,
    `Severity: ${rule.severity} · confidence: ${rule.confidence} · [CWE-${rule.cwe}](${cweUrl(rule.cwe)})`,
    `**What it does**\n\n${d.whatItDoes}`,
    `**Why is this bad?**\n\n${d.whyBad}`,
    `**Example**\n\n\`\`\`python\n${d.example}\n\`\`\``,
    `**Use instead**\n\n\`\`\`python\n${d.useInstead}\n\`\`\``,
    `**Fix safety**\n\n${d.fixSafety}`,
  ];
  if (d.options) parts.push(`**Options**\n\n${d.options}`);
  if (d.references.length > 0) parts.push(`**References**\n\n${d.references.map((r) => `- ${r}`).join('\n')}`);
  parts.push(`[Full documentation](${docsUrl(rule.code)})`);
  return parts.join('\n\n');
}
