// The check both the document-store fuzz test and its regression replays make: apply LSP notifications
// to an open document and, after each one, compare text and findings with a fresh open of the same text.
import * as assert from 'assert';
import type { DocumentStore, ContentChange } from '../../server/src/check/documentStore';
import type { AnalysisConfig } from '../../server/src/config/analysisConfig';
import type { Finding } from '../../server/src/analysis/types';
import { applyContentChange } from './textEdits';

export function findingKey(f: Finding): string {
  return JSON.stringify([f.code, f.range, f.message, f.fixes]);
}

/**
 * `uri` must already be open in `store` with text `start` at version 1. `onStep` sees each result
 * (for extra checks). `fresh` is a second store used only for from-scratch opens.
 */
export function replayAgainstFresh(
  store: DocumentStore,
  fresh: DocumentStore,
  uri: string,
  start: string,
  notifications: ContentChange[][],
  config: AnalysisConfig,
  onStep?: (text: string, findings: Finding[]) => void,
): void {
  const freshUri = `${uri}.fresh.py`;
  let mirror = start;
  let version = 1;
  for (const changes of notifications) {
    version++;
    const got = store.change(uri, version, changes);
    for (const c of changes) mirror = applyContentChange(mirror, c);
    assert.ok(got);
    assert.strictEqual(got.text, mirror);
    const expected = fresh.open(freshUri, 1, got.text, config);
    assert.strictEqual(got.skipped, expected.skipped);
    assert.deepStrictEqual(got.findings.map(findingKey), expected.findings.map(findingKey), `after notification ${version - 1}: ${JSON.stringify(got.text)}`);
    onStep?.(got.text, got.findings);
  }
  fresh.close(freshUri);
}
