// Every test run gets one temporary folder, removed when the run ends: the tests (and the CLIs and
// servers they start, which inherit TMPDIR) make their scratch folders with os.tmpdir(), and left
// a hundred or more of them in /tmp per run. Loaded by .mocharc.json: first in mocha's own process,
// which sets TMPDIR before it starts the parallel workers (they inherit it and keep it) and removes
// the folder when it exits, after them.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const MARK = 'MLSEC_TEST_TMP';
if (!process.env[MARK]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-tests-'));
  // Open to every user like /tmp itself (sticky): a test drops to `nobody` for one process.
  fs.chmodSync(dir, 0o1777);
  process.env[MARK] = dir;
  process.env.TMPDIR = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}
