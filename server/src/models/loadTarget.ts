// Connects a loading call in the code (B614 torch.load, B301 pickle.load, ML103 joblib.load) with the
// model file it loads, when the rule found the path spelled out (`data.loadPath`): the finding's
// message says what the file holds, and B614's fix title says whether the file still loads with
// `weights_only=True`. Only the verdict map filled by the model scan is read: no model file is
// opened on the way from a keystroke to a diagnostic.
import * as path from 'path';
import type { Finding } from '../analysis/types';
import type { ModelVerdict } from './verdict';
import type { ModelVerdicts } from './scanModels';

export const LOAD_CODES: ReadonlySet<string> = new Set(['B614', 'B301', 'ML103']);

export interface LoadLookup {
  verdicts: ModelVerdicts;
  /** Folders a relative path may be relative to (workspace folders, the CLI's working folder). */
  roots: readonly string[];
}

/** The verdict of the model file a finding's call loads: relative paths tried from the file's folder, then each root. */
export function loadedModel(f: Finding, pythonFile: string, lookup: LoadLookup): { shown: string; verdict: ModelVerdict } | undefined {
  const loadPath = f.data?.loadPath;
  if (!LOAD_CODES.has(f.code) || typeof loadPath !== 'string' || lookup.verdicts.size === 0) return undefined;
  const candidates = path.isAbsolute(loadPath) ? [loadPath] : [path.dirname(pythonFile), ...lookup.roots].map((dir) => path.resolve(dir, loadPath));
  for (const candidate of candidates) {
    const verdict = lookup.verdicts.get(candidate);
    if (verdict) return { shown: loadPath, verdict };
  }
  return undefined;
}

function names(v: ModelVerdict): string {
  const all = [...v.runsCode, ...v.outsideWeightsOnly];
  return all.length > 3 ? `${all.slice(0, 3).join(', ')} and ${all.length - 3} more` : all.join(', ');
}

/** What the weights_only=True fix does to loading this file, for its title. */
export function weightsOnlyNote(shown: string, v: ModelVerdict): string {
  if (v.weightsOnlyLoads === 'yes') return `${shown} still loads: its pickle imports only allow-listed globals`;
  if (v.weightsOnlyLoads === 'no') return `${shown} will no longer load: it imports ${names(v)}`;
  return `not known whether ${shown} still loads: it was not fully inspected`;
}

/** The finding with what its file holds in the message (and, for B614, in its fixes' titles). */
export function annotateLoadFinding(f: Finding, pythonFile: string, lookup: LoadLookup): Finding {
  const hit = loadedModel(f, pythonFile, lookup);
  if (!hit) return f;
  const message = `${f.message} (it loads ${hit.shown}: ${hit.verdict.summary})`;
  const fixes = f.code === 'B614' ? f.fixes.map((x) => (/weights_only=True/.test(x.title) ? { ...x, title: `${x.title} (${weightsOnlyNote(hit.shown, hit.verdict)})` } : x)) : f.fixes;
  return { ...f, message, fixes, data: { ...f.data, model: { path: hit.shown, verdict: hit.verdict.summary, weightsOnlyLoads: hit.verdict.weightsOnlyLoads } } };
}
