import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isRuleCode, listRuleDocs, ruleDocsUrl } from '../../client/src/ruleDocs';

describe('client rule documentation lookup', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-docs-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists shipped pages by code with their heading, skipping other files', () => {
    const dir = path.join(root, 'docs', 'rules');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'B614.md'), '# B614: torch-unsafe-load\n\nbody\n');
    fs.writeFileSync(path.join(dir, 'B113.md'), 'intro\n# B113 — request-without-timeout\n');
    fs.writeFileSync(path.join(dir, 'ML101.md'), 'no heading\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# index\n');
    fs.writeFileSync(path.join(dir, 'b615.md'), '# lower case is not a code\n');
    assert.deepStrictEqual(listRuleDocs(root), [
      { code: 'B113', title: 'request-without-timeout', file: path.join(dir, 'B113.md') },
      { code: 'B614', title: 'torch-unsafe-load', file: path.join(dir, 'B614.md') },
      { code: 'ML101', title: '', file: path.join(dir, 'ML101.md') },
    ]);
  });

  it('returns no pages when none are shipped', () => {
    assert.deepStrictEqual(listRuleDocs(root), []);
  });

  it('recognises rule codes and builds the online address', () => {
    assert.ok(isRuleCode('B614') && isRuleCode('ML902'));
    assert.ok(!isRuleCode('b614') && !isRuleCode('B') && !isRuleCode('../B614'));
    assert.strictEqual(ruleDocsUrl('B113'), 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B113.md');
  });
});
