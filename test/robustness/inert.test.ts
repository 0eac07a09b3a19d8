// mlsec reads analysed code and config files as data: it never executes, imports or evaluates them.
// Proved two ways: files that would leave a marker if anything ran them leave none, and mlsec's own
// source holds no way to run code (no child processes, no vm, no eval, no computed require).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli, project, findingKeys } from './helpers';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The text with string literals, template literals and comments blanked out (code only). */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (m) => (m.startsWith("'") || m.startsWith('"') ? `${m[0]}${m[0]}` : ' '));
}

describe('robustness: analysed code and config are data only', () => {
  it('a scan (and --fix) of files that would leave a marker if run, imported or evaluated leaves none', async () => {
    const dir = project({});
    const marker = path.join(dir, 'MARKER');
    const payload = `import pathlib\npathlib.Path(${JSON.stringify(marker)}).write_text("ran")\n`;
    for (const [rel, content] of Object.entries({
      'evil.py': `${payload}import torch\ntorch.load("m.pt")\nimport requests\nrequests.get("u")\n`,
      'setup.py': payload,
      'conftest.py': payload,
      'pkg/__init__.py': payload,
      'pkg/__main__.py': payload,
      'pyproject.toml': [
        '[build-system]',
        `requires = ["setuptools; python_version >= '$(touch ${marker})'"]`,
        '[tool.mlsec]',
        `exclude = ["\`touch ${marker}\`", "$(touch ${marker})"]`,
        '"__proto__" = { polluted = true }',
        '[tool.bandit]',
        `skips = ["__import__('os').system('touch ${marker}')"]`,
      ].join('\n'),
      '.bandit': `[bandit]\nexclude = $(touch ${marker})\nskips = {{7*7}}\n`,
    })) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    try {
      const r = await cli(['scan', '-q', '-f', 'json', '.'], dir);
      assert.deepStrictEqual(
        findingKeys(JSON.parse(r.stdout)).filter((k) => /^evil\.py (B614|B113)/.test(k)),
        ['evil.py B614 4:1-4:11', 'evil.py B113 6:1-6:13'],
      );
      await cli(['scan', '-q', '--fix', '.'], dir);
      assert.match(fs.readFileSync(path.join(dir, 'evil.py'), 'utf8'), /requests\.get\("u", timeout=30\)/, '--fix did run');
      assert.strictEqual(fs.existsSync(marker), false, 'something ran the analysed code or a config value');
      assert.strictEqual(({} as Record<string, unknown>).polluted, undefined, 'a config file reached Object.prototype');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("source audit: mlsec's code has no child processes, no vm, no eval or Function, no computed require", () => {
    const root = path.resolve(__dirname, '../../../server/src');
    const files = sourceFiles(root);
    assert.ok(files.length > 20, `found the sources in ${root}`);
    const problems: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const code = codeOnly(text);
      const rel = path.relative(root, file);
      for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](?:node:)?(child_process|vm|cluster|repl|inspector)['"]/g)) problems.push(`${rel}: uses ${m[1]}`);
      if (/(^|[^.\w$])eval\s*\(/.test(code)) problems.push(`${rel}: calls eval`);
      if (/\bnew\s+Function\s*\(|(^|[^.\w$])Function\s*\(/.test(code)) problems.push(`${rel}: builds a Function`);
      if (/\b(?:require|import)\s*\(\s*[^'"\s)]/.test(code)) problems.push(`${rel}: computed require/import`);
      if (/\bnew\s+Worker\s*\([^)]*eval\s*:/.test(code)) problems.push(`${rel}: Worker with eval`);
    }
    assert.deepStrictEqual(problems, []);
  });
});
