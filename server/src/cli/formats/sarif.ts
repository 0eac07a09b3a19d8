// SARIF 2.1.0, as code-scanning services read it: rule metadata with help text and helpUri,
// results with 1-based regions in UTF-16 code units.
import type * as Sarif from 'sarif';
import type { FileResult } from '../../workspace/scanner';
import type { Range, Severity } from '../../analysis/types';
import type { Rule } from '../../rules/rule';
import { cweUrl } from '../../rules/rule';
import { docsUrl } from '../../rules/docsUrl';
import { displayPath } from './text';
import { pathToFileURL } from 'url';
import { fingerprintsOf, SARIF_FINGERPRINT_KEY } from './fingerprint';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', information: '3.0', hint: '1.0' };

function ruleDescriptor(rule: Rule): Sarif.ReportingDescriptor {
  const d = rule.docs;
  const markdown = [
    `## What it does`,
    d.whatItDoes,
    `## Why is this bad?`,
    d.whyBad,
    '## Example',
    '```python',
    d.example,
    '```',
    '## Use instead',
    '```python',
    d.useInstead,
    '```',
    '## Fix safety',
    d.fixSafety,
  ].join('\n\n');
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: firstSentence(d.whatItDoes) },
    fullDescription: { text: d.whatItDoes },
    help: { text: `${d.whyBad}\n\n${docsUrl(rule.code)}`, markdown },
    helpUri: docsUrl(rule.code),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', `external/cwe/cwe-${rule.cwe}`],
      precision: rule.confidence === 'high' ? 'high' : rule.confidence === 'medium' ? 'medium' : 'low',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      cwe: cweUrl(rule.cwe),
    },
  };
}

function firstSentence(s: string): string {
  const m = /^(.+?\.)(\s|$)/.exec(s);
  return (m ? m[1] : s).replace(/`/g, '');
}

function region(r: Range): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function buildSarif(results: FileResult[], rules: readonly Rule[], cwd: string, version: string): Sarif.Log {
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const sarifResults: Sarif.Result[] = [];
  for (const r of results) {
    // Stable across line moves, so code scanning keeps tracking an alert when code above it changes.
    const fingerprints = fingerprintsOf(r, displayPath(r.file, cwd));
    for (const [n, f] of r.findings.entries()) {
      const result: Sarif.Result = {
        ruleId: f.code,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(displayPath(r.file, cwd)), uriBaseId: '%SRCROOT%' },
              region: region(f.fileRange ?? f.range),
            },
          },
        ],
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprints[n] },
        properties: { confidence: f.confidence },
      };
      if (f.cell !== undefined) {
        // The region is in the .ipynb file (inside the JSON string holding the line), which is what a
        // code-scanning viewer shows; the cell and the position within it travel as properties.
        result.properties = { ...result.properties, cell: f.cell + 1, cellLine: f.range.start.line + 1, cellColumn: f.range.start.character + 1 };
        result.message.text = `${f.message} (cell ${f.cell + 1}, line ${f.range.start.line + 1})`;
      }
      const i = index.get(f.code);
      if (i !== undefined) result.ruleIndex = i;
      if (f.suppressedBy) result.suppressions = [{ kind: 'inSource', justification: f.suppressedBy }];
      sarifResults.push(result);
    }
  }
  const notifications: Sarif.Notification[] = results
    .filter((r) => r.skipped)
    .map((r) => ({
      level: 'warning',
      message: { text: `${displayPath(r.file, cwd)} skipped: ${r.skipped}` },
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mlsec',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/mlsec-dev/mlsec',
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

export function formatSarif(results: FileResult[], rules: readonly Rule[], cwd: string, version: string): string {
  return JSON.stringify(buildSarif(results, rules, cwd, version), null, 2) + '\n';
}
