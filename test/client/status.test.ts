import * as assert from 'assert';
import { parseServerStatus, STATUS_ACTIONS, statusView } from '../../client/src/status';
import * as fs from 'fs';
import * as path from 'path';

describe('client language status item', () => {
  const running = { server: 'running' as const, enabled: true };

  it("shows this file's findings, with the workspace total in the detail", () => {
    assert.deepStrictEqual(statusView({ ...running, fileFindings: 3, status: { state: 'idle', findings: 12 } }), {
      text: 'mlsec: 3',
      detail: '3 findings in this file; 12 findings in the workspace',
      busy: false,
      severity: 1,
    });
    assert.deepStrictEqual(statusView({ ...running, fileFindings: 1, status: { state: 'idle', findings: 1 } }), {
      text: 'mlsec: 1',
      detail: '1 finding in this file; 1 finding in the workspace',
      busy: false,
      severity: 1,
    });
    assert.deepStrictEqual(statusView({ ...running, fileFindings: 0 }), { text: 'mlsec', detail: 'no findings in this file', busy: false, severity: 0 });
  });

  it("shows the scan's progress while scanning, busy", () => {
    assert.deepStrictEqual(statusView({ ...running, fileFindings: 2, status: { state: 'scanning', done: 120, total: 400, findings: 7 } }), {
      text: 'mlsec: scanning 120/400',
      detail: '2 findings in this file; 7 findings in the workspace so far',
      busy: true,
      severity: 0,
    });
    assert.strictEqual(statusView({ ...running, fileFindings: 0, status: { state: 'scanning', findings: 0 } }).text, 'mlsec: scanning');
  });

  it('says when the server starts, stops, or mlsec is off for the file', () => {
    assert.deepStrictEqual(statusView({ server: 'starting', enabled: true, fileFindings: 0 }), { text: 'mlsec', detail: 'starting the language server', busy: true, severity: 0 });
    assert.deepStrictEqual(statusView({ server: 'stopped', enabled: true, fileFindings: 4 }), {
      text: 'mlsec: stopped',
      detail: 'the language server stopped; see Show Logs',
      busy: false,
      severity: 2,
    });
    assert.deepStrictEqual(statusView({ server: 'running', enabled: false, fileFindings: 4, status: { state: 'idle', findings: 9 } }), {
      text: 'mlsec: off',
      detail: 'disabled for this file (mlsec.enable)',
      busy: false,
      severity: 0,
    });
  });

  it('links only to commands the extension contributes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepStrictEqual(
      STATUS_ACTIONS.map((a) => a.command).filter((c) => !contributed.includes(c)),
      [],
    );
    assert.deepStrictEqual(
      STATUS_ACTIONS.map((a) => a.command),
      ['mlsec.scanWorkspace', 'mlsec.fixAllInWorkspace', 'mlsec.pinHuggingFaceDownloads', 'mlsec.fixAllInFile', 'mlsec.showLogs'],
    );
  });

  it('accepts only the documented notification shape', () => {
    assert.deepStrictEqual(parseServerStatus({ state: 'scanning', done: 3, total: 9, findings: 2 }), { state: 'scanning', done: 3, total: 9, findings: 2 });
    assert.deepStrictEqual(parseServerStatus({ state: 'idle', findings: 0 }), { state: 'idle', findings: 0, done: undefined, total: undefined });
    for (const bad of [
      null,
      'idle',
      {},
      { state: 'busy', findings: 1 },
      { state: 'idle' },
      { state: 'idle', findings: -1 },
      { state: 'idle', findings: 1.5 },
      { state: 'scanning', findings: 1, done: '3' },
    ]) {
      assert.strictEqual(parseServerStatus(bad), undefined, JSON.stringify(bad));
    }
  });
});
