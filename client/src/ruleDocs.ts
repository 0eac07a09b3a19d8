// Which rule documentation pages the extension ships (docs/rules/<CODE>.md) and where a rule's page
// lives online when it is not shipped. No `vscode` import: unit-tested in plain mocha.
import * as fs from 'fs';
import * as path from 'path';
// The online address, shared with the server (diagnostics' codeDescription, SARIF helpUri) through
// the protocol module, the one server file the client may import.
import { docsUrl } from '../../server/src/protocol';

export interface RuleDoc {
  code: string;
  /** The page's first heading without the leading `#` and code, e.g. "torch-unsafe-load". */
  title: string;
  file: string;
}

const CODE = /^[A-Z]{1,4}\d{2,4}$/;

export function isRuleCode(code: string): boolean {
  return CODE.test(code);
}

export function ruleDocsUrl(code: string): string {
  return docsUrl(code);
}

/** The shipped pages under `<extensionRoot>/docs/rules`, sorted by code; [] when none are shipped. */
export function listRuleDocs(extensionRoot: string): RuleDoc[] {
  const dir = path.join(extensionRoot, 'docs', 'rules');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const docs: RuleDoc[] = [];
  for (const name of names) {
    const code = name.endsWith('.md') ? name.slice(0, -3) : '';
    if (!isRuleCode(code)) continue;
    const file = path.join(dir, name);
    docs.push({ code, title: firstHeading(fs.readFileSync(file, 'utf8'), code), file });
  }
  return docs.sort((a, b) => a.code.localeCompare(b.code));
}

function firstHeading(markdown: string, code: string): string {
  const line = markdown.split('\n').find((l) => /^#\s/.test(l));
  if (!line) return '';
  // "# B614 — torch-unsafe-load" / "# B614: torch-unsafe-load" / "# torch-unsafe-load (B614)" → the name.
  return line
    .replace(/^#\s+/, '')
    .replace(code, '')
    .replace(/^[\s:—–-]+|[\s()]+$/g, '')
    .replace(/\(\s*\)/, '')
    .trim();
}
