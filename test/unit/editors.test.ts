// Keeps the real-editor tests' inputs honest without an editor: the fixture's findings must be the
// diagnostics test/editors/expectations.json expects, its fixes must turn the file into
// test/editors/expected/app.py, and docs/editors.md must hold the blocks the editor tests run plus
// parseable Helix and Sublime configurations. (The editors themselves: `npm run test:editors`.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import type { Finding } from '../../server/src/analysis/types';
import { applyEdits } from '../helpers/applyEdits';

const ROOT = path.resolve(__dirname, '../../..');
const EDITORS = path.join(ROOT, 'test/editors');

interface ExpectedDiagnostic {
  code: string;
  source: string;
  severity: number;
  line: number;
  start: number;
  end: number;
}
interface Spec {
  file: string;
  fixedText: string;
  diagnostics: ExpectedDiagnostic[];
  fixes: { code: string; line: number; title: string }[];
  diagnosticsAfterFixes: ExpectedDiagnostic[];
}

const spec = JSON.parse(fs.readFileSync(path.join(EDITORS, 'expectations.json'), 'utf8')) as Spec;
const LSP_SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

function describeFinding(f: Finding): string {
  assert.strictEqual(f.range.start.line, f.range.end.line, 'the editor fixture expects one-line ranges');
  return `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.character} severity=${LSP_SEVERITY[f.severity]}`;
}

function describeExpected(e: ExpectedDiagnostic): string {
  return `${e.code} ${e.line}:${e.start}-${e.end} severity=${e.severity}`;
}

async function findingsOf(text: string): Promise<Finding[]> {
  const result = await analyzeSource(text, { config: defaultConfig(), hfCache: () => undefined });
  return result.findings;
}

/** The fenced blocks of one language in docs/editors.md. */
function docsBlocks(lang: string): string[] {
  const md = fs.readFileSync(path.join(ROOT, 'docs/editors.md'), 'utf8');
  const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm');
  return [...md.matchAll(re)].map((m) => m[1]);
}

/** The fenced block right after `<!-- test/editors: NAME -->`, as run.sh extracts it. */
function blockAfterMarker(name: string): string | undefined {
  const md = fs.readFileSync(path.join(ROOT, 'docs/editors.md'), 'utf8');
  const m = new RegExp(`^<!-- test/editors: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(md);
  return m?.[1];
}

describe('real-editor test inputs', () => {
  const fixture = fs.readFileSync(path.join(EDITORS, 'fixture', spec.file), 'utf8');
  const fixed = fs.readFileSync(path.join(EDITORS, spec.fixedText), 'utf8');

  it("the fixture's findings are the diagnostics expectations.json expects", async () => {
    assert.deepStrictEqual((await findingsOf(fixture)).map(describeFinding).sort(), spec.diagnostics.map(describeExpected).sort());
  });

  it('applying the expected quick fixes one by one gives expected/app.py, then only the expected findings remain', async () => {
    let text = fixture;
    for (const want of spec.fixes) {
      const finding = (await findingsOf(text)).find((f) => f.code === want.code && f.range.start.line === want.line);
      assert.ok(finding, `${want.code} on line ${want.line}`);
      const fixes = finding.fixes.filter((f) => f.title === want.title);
      assert.strictEqual(fixes.length, 1, `one "${want.title}" fix for ${want.code} on line ${want.line}`);
      text = applyEdits(text, fixes[0].edits);
    }
    assert.strictEqual(text, fixed);
    assert.deepStrictEqual((await findingsOf(text)).map(describeFinding).sort(), spec.diagnosticsAfterFixes.map(describeExpected).sort());
  });
});

describe('docs/editors.md', () => {
  it('holds the Neovim 0.7 and eglot blocks the editor tests run, both starting `mlsec-ls --stdio`', () => {
    assert.match(blockAfterMarker('neovim-0.7') ?? '', /cmd = \{ 'mlsec-ls', '--stdio' \}/);
    assert.match(blockAfterMarker('eglot') ?? '', /\("mlsec-ls" "--stdio"\)/);
  });

  it('has a Helix languages.toml that parses and adds mlsec to Python', async () => {
    // smol-toml is an ES module: a CommonJS test loads it with import().
    const { parse: parseToml } = await import('smol-toml');
    const blocks = docsBlocks('toml');
    assert.strictEqual(blocks.length, 1);
    const toml = parseToml(blocks[0]) as { 'language-server': Record<string, { command: string; args: string[] }>; language: { name: string; 'language-servers': string[] }[] };
    // smol-toml builds null-prototype objects: compare a plain copy.
    assert.deepStrictEqual({ ...toml['language-server'].mlsec }, { command: 'mlsec-ls', args: ['--stdio'] });
    const python = toml.language.find((l) => l.name === 'python');
    assert.ok(python && python['language-servers'].includes('mlsec'));
  });

  it('has a Sublime LSP client entry that parses', () => {
    const blocks = docsBlocks('json');
    assert.strictEqual(blocks.length, 1);
    const settings = JSON.parse(blocks[0]) as { clients: Record<string, { command: string[]; selector: string; enabled: boolean }> };
    assert.deepStrictEqual(settings.clients.mlsec, { enabled: true, command: ['mlsec-ls', '--stdio'], selector: 'source.python' });
  });
});
