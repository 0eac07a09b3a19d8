// Fail closed: a file the CLI was asked to analyse and did not (skipped by the engine for its size,
// encoding, content or time limit, a worker crash, a special file, a link out of the scanned folder)
// becomes an ML900 finding in the report, in every format, and so counts in the exit code.
import * as fs from 'fs';
import * as path from 'path';
import type { FileResult } from '../workspace/scanner';
import type { NotAnalysed } from '../workspace/discovery';
import { AnalysisConfig, isCodeEnabled } from '../config/analysisConfig';
import type { ConfigResolver } from '../config/resolver';
import { NOT_ANALYSED_CODE, notAnalysedFinding } from '../rules/ML900-file-not-analysed';

/** Adds the paths discovery would not analyse, then an ML900 finding to every skipped result, sorted by path. */
export function withNotAnalysed(results: FileResult[], notAnalysed: NotAnalysed[], configFor: (file: string) => AnalysisConfig): FileResult[] {
  const all = [...results, ...notAnalysed.map((n) => ({ file: n.path, findings: [], skipped: n.reason, lines: 0 }))];
  all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return all.map((r) => {
    if (!r.skipped || r.findings.some((f) => f.code === NOT_ANALYSED_CODE)) return r;
    if (!isCodeEnabled(NOT_ANALYSED_CODE, configFor(r.file))) return r;
    return { ...r, findings: [notAnalysedFinding(r.skipped), ...r.findings] };
  });
}

/**
 * The real path of the project a scan's cache belongs to: the folder of the configuration that
 * applies to the first scanned path, else its repository (the nearest folder holding `.git`), else
 * the path itself (its folder, for a file).
 */
export function cacheProjectRoot(firstRoot: string, cwd: string, resolver: ConfigResolver): string {
  const abs = path.resolve(cwd, firstRoot);
  let dir = abs;
  try {
    if (!fs.statSync(abs).isDirectory()) dir = path.dirname(abs);
  } catch {
    dir = path.dirname(abs);
  }
  let root = resolver.projectFor(path.join(dir, '__mlsec__.py')).root;
  if (!root) {
    for (let p = dir; ; p = path.dirname(p)) {
      if (fs.existsSync(path.join(p, '.git'))) {
        root = p;
        break;
      }
      if (p === path.dirname(p)) break;
    }
  }
  try {
    return fs.realpathSync(root ?? dir);
  } catch {
    return root ?? dir;
  }
}
