// Renders a rule's metadata and docs as the Markdown page under docs/rules/, and the index table.
// Deterministic (no dates, no environment): a test compares the committed pages with this output.
import type { RuleMeta } from './rule';
import { cweUrl } from './rule';
import { NODE_KEYWORDS, ruleNodeTypes } from './prefilter';

function fixCell(rule: RuleMeta): string {
  return rule.fix === 'none' ? 'none' : `${rule.fix} (${rule.fixSafety})`;
}

function code(block: string): string {
  return ['```python', block.replace(/\s+$/, ''), '```'].join('\n');
}

const quoted = (words: readonly string[], joiner: string): string => words.map((w) => `\`${w}\``).join(joiner);

/**
 * Call patterns grouped by everything before their last segment, so that a family reads as one
 * entry: `huggingface_hub.*.{hf_hub_download, snapshot_download}`.
 */
export function compactCallPatterns(patterns: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const p of patterns) {
    const dot = p.lastIndexOf('.');
    const head = p.slice(0, dot);
    const lasts = groups.get(head) ?? [];
    if (!lasts.includes(p.slice(dot + 1))) lasts.push(p.slice(dot + 1));
    groups.set(head, lasts);
  }
  return [...groups].map(([head, lasts]) => (lasts.length === 1 ? `${head}.${lasts[0]}` : `${head}.{${lasts.join(', ')}}`));
}

/**
 * A `text` list that holds every upper/lower-case spelling of some words (B105's `pas`, `PaS`, …)
 * is shown as those words "in any case" rather than as a hundred spellings.
 */
function describeText(text: readonly string[]): string {
  const groups = new Map<string, Set<string>>();
  for (const t of text) {
    const key = t.toLowerCase();
    groups.set(key, (groups.get(key) ?? new Set()).add(t));
  }
  const letters = (w: string) => [...w].filter((c) => c.toLowerCase() !== c.toUpperCase()).length;
  const anyCase = [...groups].every(([word, spellings]) => spellings.size === 2 ** letters(word));
  return anyCase && groups.size < text.length ? `${quoted([...groups.keys()], ' or ')} in any case` : quoted(text, ' or ');
}

/** The "Runs on files containing" cell: what the rule's match (rules/prefilter.ts) requires of a file. */
function describeMatch(rule: RuleMeta): string {
  const m = rule.match;
  const parts: string[] = [];
  if (m.imports) parts.push(`imports of ${quoted(m.imports, ', ')}${m.calls ? ` or calls of ${quoted(compactCallPatterns(m.calls), ', ')}` : ''}`);
  else if (m.calls) parts.push(`calls of ${quoted(compactCallPatterns(m.calls), ', ')}`);
  if (m.nodes) parts.push(`${quoted(m.nodes, ', ')} nodes${m.nodes.every((n) => NODE_KEYWORDS[n]) ? ` (keyword ${quoted([...new Set(m.nodes.map((n) => NODE_KEYWORDS[n]))], ' or ')})` : ''}`);
  if (m.strings) parts.push(typeof m.strings === 'function' ? 'string literals holding one of the configured strings' : `string literals holding ${quoted(m.strings, ' or ')}`);
  if (m.text) parts.push(`the text ${describeText(m.text)}${m.textIn === 'node' ? ' (in the inspected node, which the text anchors)' : ''}`);
  if (m.words) parts.push(`the word${m.words.length > 1 ? 's' : ''} ${quoted(m.words, ' and ')}`);
  return parts.length > 0 ? parts.join(', with ') : 'none (findings are made where a file is skipped)';
}

export function renderRulePage(rule: RuleMeta): string {
  const d = rule.docs;
  const runsOn = describeMatch(rule);
  const lines = [
    `# ${rule.code}: ${rule.name}`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${rule.severity} |`,
    `| Confidence | ${rule.confidence} |`,
    `| CWE | [CWE-${rule.cwe}](${cweUrl(rule.cwe)}) |`,
    `| Inspects | ${ruleNodeTypes(rule)
      .map((t) => `\`${t}\``)
      .join(', ')} |`,
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
    ...(d.differencesFromBandit ? ['## Differences from Bandit', '', d.differencesFromBandit, ''] : []),
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
    '| code | name | what | severity | confidence | CWE | fix |',
    '|---|---|---|---|---|---|---|',
    ...rules.map((r) => `| [${r.code}](${r.code}.md) | ${r.name} | ${r.summary.replace(/\|/g, '\\|')} | ${r.severity} | ${r.confidence} | [CWE-${r.cwe}](${cweUrl(r.cwe)}) | ${fixCell(r)} |`),
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
