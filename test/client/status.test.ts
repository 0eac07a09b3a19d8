import * as assert from 'assert';
import { parseServerStatus, statusView } from '../../client/src/status';

describe('client status bar text', () => {
  it('shows progress while scanning', () => {
    assert.deepStrictEqual(statusView({ state: 'scanning', done: 120, total: 400, findings: 7 }), {
      text: '$(sync~spin) mlsec: scanning 120/400',
      tooltip: 'mlsec is scanning the workspace (120/400 files); 7 findings so far. Click to open Problems.',
    });
  });

  it('shows scanning without numbers when the total is unknown', () => {
    assert.strictEqual(statusView({ state: 'scanning', findings: 0 }).text, '$(sync~spin) mlsec: scanning');
  });

  it('shows the finding count when idle, and a bare shield for none', () => {
    assert.deepStrictEqual(statusView({ state: 'idle', findings: 1 }), { text: '$(shield) mlsec: 1', tooltip: 'mlsec: 1 finding. Click to open Problems.' });
    assert.strictEqual(statusView({ state: 'idle', findings: 0 }).text, '$(shield) mlsec');
  });

  it('accepts only the documented notification shape', () => {
    assert.deepStrictEqual(parseServerStatus({ state: 'scanning', done: 3, total: 9, findings: 2 }), { state: 'scanning', done: 3, total: 9, findings: 2 });
    assert.deepStrictEqual(parseServerStatus({ state: 'idle', findings: 0 }), { state: 'idle', findings: 0, done: undefined, total: undefined });
    for (const bad of [null, 'idle', {}, { state: 'busy', findings: 1 }, { state: 'idle' }, { state: 'idle', findings: -1 },
      { state: 'idle', findings: 1.5 }, { state: 'scanning', findings: 1, done: '3' }]) {
      assert.strictEqual(parseServerStatus(bad), undefined, JSON.stringify(bad));
    }
  });
});
