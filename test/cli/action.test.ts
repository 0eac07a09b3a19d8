// The GitHub Action (action.yml): its scan step's shell script, taken from action.yml with a YAML
// parser, run locally as GitHub runs a `shell: bash` step (bash --noprofile --norc -eo pipefail),
// with the env the step declares; the SARIF it writes must pass the official 2.1.0 schema.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { parse } from 'yaml';
import { sarifSchemaErrors } from '../helpers/sarifSchema';

const root = path.resolve(__dirname, '../../..');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYml;

/** Evaluates the `${{ inputs.x }}` and `${{ github.action_path }}` expressions the step's env uses. */
function expand(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return root;
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    if (!m || !(m[1] in action.inputs)) throw new Error(`unexpected expression ${expr}`);
    return inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
  });
}

function runScanStep(cwd: string, inputs: Record<string, string> = {}) {
  const step = action.runs.steps.find((s) => s.id === 'scan')!;
  const script = path.join(cwd, '..', `scan-step-${process.pid}.sh`);
  fs.writeFileSync(script, step.run!);
  const githubOutput = path.join(cwd, '..', 'github-output');
  fs.writeFileSync(githubOutput, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: githubOutput };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: fs.readFileSync(githubOutput, 'utf8') };
}

describe('the GitHub Action (action.yml)', function () {
  this.timeout(60000);
  let tmp: string;
  let work: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-action-'));
    work = path.join(tmp, 'repo');
    fs.cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is a composite action: setup-node, a build from its own checkout, then the scan step', () => {
    assert.strictEqual(action.runs.using, 'composite');
    assert.deepStrictEqual(
      action.runs.steps.map((s) => s.uses ?? s.id ?? s.name),
      ['actions/setup-node@v4', 'Build mlsec', 'scan'],
    );
    assert.deepStrictEqual(Object.keys(action.inputs), ['paths', 'args', 'format', 'output', 'fail-on-findings', 'node-version']);
    assert.match(action.runs.steps[1].run!, /npm ci --ignore-scripts .*&& node scripts\/bundle\.js/);
    assert.strictEqual(action.outputs.sarif.value, '${{ steps.scan.outputs.sarif }}');
    // Inputs reach the script through env only: an expression inside `run` would be script injection.
    assert.doesNotMatch(action.runs.steps[2].run!, /\$\{\{/);
  });

  it('defaults: writes valid SARIF with every finding, sets its outputs, and fails the step (exit 1)', () => {
    const r = runScanStep(work);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.strictEqual(r.stdout, '::error title=mlsec::mlsec reported findings; see the code scanning alerts or mlsec.sarif\n');
    assert.strictEqual(r.outputs, 'sarif=mlsec.sarif\nexit-code=1\n');
    const log = JSON.parse(fs.readFileSync(path.join(work, 'mlsec.sarif'), 'utf8'));
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    assert.strictEqual(log.runs[0].results.length, 31); // 30 before B310 joined ML201 on http_client.py:33
    const b614 = log.runs[0].results.find(
      (x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.ruleId === 'B614' && x.locations[0].physicalLocation.artifactLocation.uri === 'examples/sentiment/train.py',
    );
    assert.deepStrictEqual(b614.locations[0].physicalLocation.region, { startLine: 39, startColumn: 13, endLine: 39, endColumn: 23 });
  });

  it('fail-on-findings false, paths and args: passes, and the SARIF holds what the gates let through', () => {
    const r = runScanStep(work, { 'fail-on-findings': 'false', paths: 'examples/sentiment/train.py examples/sentiment/utils.py', args: '--severity-threshold high', output: 'out/report.sarif' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.outputs, 'sarif=out/report.sarif\nexit-code=1\n');
    const log = JSON.parse(fs.readFileSync(path.join(work, 'out/report.sarif'), 'utf8'));
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    assert.deepStrictEqual(
      log.runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => `${x.ruleId}:${x.locations[0].physicalLocation.region.startLine}`),
      ['B614:39', 'B602:13', 'B605:17'],
    );
  });

  it('a usage error fails the step with exit 2 even when findings may not fail it', () => {
    const r = runScanStep(work, { 'fail-on-findings': 'false', args: '--severity-threshold severe' });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^mlsec: --severity-threshold wants low, medium or high, not 'severe'/);
    assert.match(r.stdout, /^::error title=mlsec::mlsec scan failed \(exit code 2\)/);
    assert.strictEqual(r.outputs, 'sarif=mlsec.sarif\nexit-code=2\n');
  });

  it('format github: the workflow commands go to the log, exactly those of `mlsec scan --format github`', () => {
    const r = runScanStep(work, { format: 'github', paths: 'examples/sentiment/train.py' });
    assert.strictEqual(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.strictEqual(
      lines[3],
      '::error file=examples/sentiment/train.py,line=39,col=13,endLine=39,endColumn=23,title=B614 (torch-unsafe-load)::' +
        '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
    );
    assert.strictEqual(lines.length, 5);
    assert.strictEqual(lines[4], '::error title=mlsec::mlsec reported findings; see the annotations above');
    assert.strictEqual(r.outputs, 'exit-code=1\n');
    assert.ok(!fs.existsSync(path.join(work, 'mlsec.sarif')));
  });
});
