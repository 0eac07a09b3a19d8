// Stable identities for findings: GitLab Code Quality's `fingerprint` and SARIF's
// `partialFingerprints`. A fingerprint hashes the file's path, the rule code, the text of the flagged
// lines with whitespace collapsed, and the finding's index among the findings of that file with the
// same code and text. The line number is left out on purpose: inserting or deleting lines above a
// finding must not make it look like a new one (and the old one fixed) in a merge request or in code
// scanning. A pasted second copy of a flagged line gets index 1, so it is new.
import { createHash } from 'crypto';
import type { FileResult } from '../../workspace/scanner';
import { findingLinesOf } from '../../notebook/lines';
import { normalizeLineText } from '../../config/baseline';

/** The SARIF `partialFingerprints` key; the version changes if the scheme ever does. */
export const SARIF_FINGERPRINT_KEY = 'mlsecFingerprint/v1';
/** A flagged range longer than this many lines is keyed by its first lines only. */
const MAX_KEY_LINES = 50;

/** One fingerprint per finding of `result`, in the same order; `displayedPath` is the path the report shows. */
export function fingerprintsOf(result: FileResult, displayedPath: string): string[] {
  if (result.findings.length === 0) return [];
  // The file is read again (as the baseline does); a file that cannot be read keys on empty text.
  const linesOf = findingLinesOf(result.file); // a notebook's findings: the lines of their cell
  const seen = new Map<string, number>();
  return result.findings.map((f) => {
    const first = f.range.start.line;
    const last = Math.min(f.range.end.line, first + MAX_KEY_LINES - 1);
    const text = normalizeLineText(
      linesOf(f)
        .slice(first, last + 1)
        .join('\n'),
    );
    const key = `${displayedPath}\u0000${f.code}\u0000${text}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return createHash('sha256').update(`${key}\u0000${index}`).digest('hex');
  });
}
