// JUnit XML, which CI servers (GitLab's test report, Jenkins, Azure Pipelines…) read: one test suite;
// one failing test case per finding, one passing test case per file without findings (so the report
// also shows what was checked), a skipped test case per suppressed finding (audit mode).
// File names and messages come from the scanned repository and may hold anything: every string is
// escaped for XML, and characters XML 1.0 cannot carry at all are replaced by U+FFFD.
import type { FileResult } from '../../workspace/scanner';
import type { Finding } from '../../analysis/types';
import { displayPath } from './text';
import { docsUrl } from '../../rules/docsUrl';
import { SEVERITY_LEVEL } from '../gates';

// Control characters other than tab, LF and CR; U+FFFE/U+FFFF; unpaired surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For attribute values in double quotes; tab, LF and CR as references so parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function testcase(file: string, f: Finding): string {
  const line = f.range.start.line + 1;
  const column = f.range.start.character + 1;
  // Notebooks: the cell in the name, the line in the .ipynb file in the `line` attribute.
  const cell = f.cell !== undefined ? ` in cell ${f.cell + 1}` : '';
  const fileLine = (f.fileRange ?? f.range).start.line + 1;
  const head = `    <testcase classname="${xmlAttr(file)}" name="${xmlAttr(`${f.code} (${f.name})${cell} at line ${line}, column ${column}`)}" file="${xmlAttr(file)}" line="${fileLine}"`;
  if (f.suppressedBy) return `${head}>\n      <skipped message="${xmlAttr(`suppressed by ${f.suppressedBy}`)}"/>\n    </testcase>`;
  const body = [
    `${file}:${f.cell !== undefined ? `cell ${f.cell + 1}:` : ''}${line}:${column}: ${f.code} ${f.message}`,
    `severity: ${f.severity} (Bandit ${SEVERITY_LEVEL[f.severity].toUpperCase()}), confidence: ${f.confidence}`,
    docsUrl(f.code),
  ].join('\n');
  return `${head}>\n      <failure type="${xmlAttr(f.code)}" message="${xmlAttr(f.message)}">${xmlText(body)}</failure>\n    </testcase>`;
}

export function formatJunit(results: FileResult[], cwd: string): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const r of results) {
    const file = displayPath(r.file, cwd);
    if (r.findings.length === 0) {
      cases.push(`    <testcase classname="${xmlAttr(file)}" name="no findings" file="${xmlAttr(file)}"/>`);
      continue;
    }
    for (const f of r.findings) {
      if (f.suppressedBy) skipped++;
      else failures++;
      cases.push(testcase(file, f));
    }
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="mlsec" ${counts}>`, `  <testsuite name="mlsec" ${counts}>`, ...cases, '  </testsuite>', '</testsuites>', ''].join('\n');
}
