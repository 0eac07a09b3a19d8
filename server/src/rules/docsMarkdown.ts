// Renders a rule's metadata and docs as the Markdown page under docs/rules/, and the index table.
// Deterministic (no dates, no environment): a test compares the committed pages with this output.
import type { RuleMeta } from './rule';
import { docsUrl } from './docsUrl';
import { ruleWordAlternatives, cweUrl } from './rule';

function fixCell(rule: RuleMeta): string {
  return rule.fix === 'none' ? 'none' : `${rule.fix} (${rule.fixSafety})`;
}

function code(block: string): string {
  return ['```python', block.replace(/\s+$/, ''), '```'].join('\n');
}

export function renderRulePage(rule: RuleMeta): string {
  const d = rule.docs;
  const triggers = typeof rule.triggers === 'function' ? 'configurable' : rule.triggers.map((t) => `\`${t}\``).join(', ');
  const words = ruleWordAlternatives(rule);
  const runsOn = words
    ? `${triggers}, and the names ${words.map((alt) => alt.map((w) => `\`${w}\``).join(' + ')).join(' or ')}`
    : triggers;
  const lines = [
    `# ${rule.code}: ${rule.name}`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${rule.severity} |`,
    `| Confidence | ${rule.confidence} |`,
    `| CWE | [CWE-${rule.cwe}](${cweUrl(rule.cwe)}) |`,
    `| Inspects | ${rule.nodeTypes.map((t) => `\`${t}\``).join(', ')} |`,
    `| Fix | ${fixCell(rule)} |`,
    `| Runs on files containing | ${runsOn} |`,
    '',
    '## What it does',
    '',
    d.whatItDoes,
    '',
    '## Why is this bad?',
    '',
    d.whyBad,
    '',
    '## Example',
    '',
    code(d.example),
    '',
    'Use instead:',
    '',
    code(d.useInstead),
    '',
    '## Fix safety',
    '',
    d.fixSafety,
    '',
    '## Options',
    '',
    d.options,
    '',
    '## References',
    '',
    ...d.references.map((r) => `- <${r}>`),
    '',
    `To silence one finding, give the reason after a second \`#\`: \`# nosec ${rule.code} # <why this is safe here>\`.`,
    '',
  ];
  return lines.join('\n');
}

export function renderRuleIndex(rules: readonly RuleMeta[]): string {
  const lines = [
    '# mlsec rules',
    '',
    'Generated from the rule files in `server/src/rules/` by `npm run docs`; do not edit by hand.',
    '',
    '| code | name | severity | confidence | CWE | fix |',
    '|---|---|---|---|---|---|',
    ...rules.map((r) => `| [${r.code}](${r.code}.md) | ${r.name} | ${r.severity} | ${r.confidence} | [CWE-${r.cwe}](${cweUrl(r.cwe)}) | ${fixCell(r)} |`),
    '',
  ];
  return lines.join('\n');
}

/** Every file of docs/rules/ by name, as the generator writes them. */
export function renderRuleDocs(rules: readonly RuleMeta[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) files.set(`${rule.code}.md`, renderRulePage(rule));
  files.set('README.md', renderRuleIndex(rules));
  return files;
}

/** The hover text: the same docs, condensed, with a link to the full page. */
export function ruleDocsMarkdown(rule: RuleMeta): string {
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
