// SARIF output checked against the official 2.1.0 schema, and its partialFingerprints.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { copyProject, runCliCaptured, tempProject } from '../helpers/cliRun';
import { sarifSchemaErrors } from '../helpers/sarifSchema';
import { SARIF_FINGERPRINT_KEY } from '../../server/src/cli/formats/fingerprint';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

describe('mlsec scan --format sarif: the SARIF 2.1.0 schema', () => {
  it('the validator rejects what the schema forbids (so the checks below can fail)', () => {
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal', partialFingerprints: { k: 1 } }] }] };
    assert.deepStrictEqual(
      sarifSchemaErrors(bad).map((e) => e.split(':')[0]),
      ['/runs/0/results/0/level', '/runs/0/results/0/partialFingerprints/k'],
    );
    assert.deepStrictEqual(
      sarifSchemaErrors({ runs: [] }).map((e) => e.split(' {')[0]),
      ["/: must have required property 'version'"],
    );
  });

  it('the report on examples/ is valid, every result has a distinct partialFingerprint', async () => {
    const dir = copyProject(EXAMPLES);
    const r = await runCliCaptured(['scan', '--no-cache', '--format', 'sarif', '.'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    const results = log.runs[0].results;
    assert.strictEqual(results.length, 31); // 30 before B310 joined ML201 on http_client.py:33
    const prints = results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints[SARIF_FINGERPRINT_KEY]);
    for (const p of prints) assert.match(p, /^[0-9a-f]{64}$/);
    assert.strictEqual(new Set(prints).size, prints.length);
  });

  it('its partialFingerprints are the GitLab report fingerprints, in the same order', async () => {
    const dir = copyProject(EXAMPLES);
    const sarif = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'sarif', '.'], dir)).stdout);
    const gitlab = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'gitlab', '.'], dir)).stdout);
    assert.deepStrictEqual(
      sarif.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints[SARIF_FINGERPRINT_KEY]),
      gitlab.map((x: { fingerprint: string }) => x.fingerprint),
    );
  });

  it('audit mode (suppressions), a skipped file and an odd file name still give a valid log', async () => {
    const dir = tempProject({
      'a b%,:é.py': 'import torch\nx = torch.load(p)  # nosec B614 # our own checkpoints\n',
      'bin.py': Buffer.from([0x69, 0x00, 0x01]),
    });
    const r = await runCliCaptured(['scan', '--no-cache', '--ignore-suppressions', '-f', 'sarif', '.'], dir);
    const log = JSON.parse(r.stdout);
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    const b614 = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'B614');
    assert.deepStrictEqual(b614.suppressions, [{ kind: 'inSource', justification: '# nosec B614 # our own checkpoints' }]);
    assert.strictEqual(b614.locations[0].physicalLocation.artifactLocation.uri, 'a%20b%25,:%C3%A9.py');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
