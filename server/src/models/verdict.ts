// From a model file's report to what a user sees: the ML301–ML304 findings on the file's first line,
// and a one-line verdict that the code rules (B614, B301, ML103) quote when a call loads the file.
import type { Finding, Severity } from '../analysis/types';
import { codeRunningEntry, isWeightsOnlyGlobal } from './globals';
import type { ModelReport, Located } from './report';

export const PICKLE_RUNS_CODE = 'ML301';
export const NEEDS_WEIGHTS_ONLY_FALSE = 'ML302';
export const MODEL_NOT_INSPECTED = 'ML303';
export const KERAS_CODE_LAYER = 'ML304';

/** Names shown in a message before "and N more". */
const SHOWN = 3;

export interface ModelVerdict {
  format: ModelReport['format'];
  /** Globals (or unnamed imports) that run code, as shown in messages. */
  runsCode: string[];
  /** Other globals outside torch.load's weights_only allowlist. */
  outsideWeightsOnly: string[];
  notInspected: string[];
  codeLayers: string[];
  /** Whether torch.load(weights_only=True) would load it: unknown when parts were not inspected. */
  weightsOnlyLoads: 'yes' | 'no' | 'unknown';
  /** One line for the code findings: what the file holds. */
  summary: string;
}

function where(item: Located & { offset?: number }): string {
  const parts = [item.entry ? `in ${item.entry}` : '', item.offset !== undefined ? `at offset ${item.offset}` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

function list(names: string[]): string {
  const shown = names.slice(0, SHOWN).join(', ');
  return names.length > SHOWN ? `${shown} and ${names.length - SHOWN} more` : shown;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

export function modelVerdict(report: ModelReport): ModelVerdict {
  const dangerous = report.globals.filter((g) => codeRunningEntry(g));
  const runsCode = unique([...dangerous.map((g) => `${g.module}.${g.name}`), ...report.unknown.map((u) => `an unnamed global (${u.detail})`)]);
  const outside = unique(report.globals.filter((g) => !codeRunningEntry(g) && !isWeightsOnlyGlobal(g)).map((g) => `${g.module}.${g.name}`));
  const notInspected = report.notInspected.map((p) => `${p.message}${p.entry ? ` (in ${p.entry})` : ''}`);
  const codeLayers = report.codeLayers.map((l) => l.detail);
  const weightsOnlyLoads = runsCode.length > 0 || outside.length > 0 ? 'no' : notInspected.length > 0 ? 'unknown' : 'yes';
  let summary: string;
  if (runsCode.length > 0) summary = `its pickle imports ${list(runsCode)}: loading it runs code`;
  else if (outside.length > 0) summary = `its pickle imports ${list(outside)}, which torch.load(weights_only=True) refuses`;
  else if (codeLayers.length > 0) summary = `its Keras config holds code: ${list(codeLayers)}`;
  else if (notInspected.length > 0) summary = `it was not fully inspected: ${notInspected[0]}`;
  else if (report.pickles > 0) summary = 'its pickle imports only what torch.load(weights_only=True) accepts';
  else summary = 'it holds no pickle';
  return { format: report.format, runsCode, outsideWeightsOnly: outside, notInspected, codeLayers, weightsOnlyLoads, summary };
}

function fileFinding(code: string, name: string, message: string, severity: Severity, cwe: number): Finding {
  return {
    code,
    name,
    message,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    nodeLines: [0, 0],
    severity,
    confidence: 'high',
    cwe,
    fixes: [],
  };
}

/** The findings on a model file, in code order. */
export function modelFindings(report: ModelReport): Finding[] {
  const out: Finding[] = [];
  const dangerous = report.globals.filter((g) => codeRunningEntry(g));
  const firstDanger: (Located & { offset?: number }) | undefined = dangerous[0] ?? report.unknown[0];
  const v = modelVerdict(report);
  if (v.runsCode.length > 0 && firstDanger) {
    out.push(fileFinding(PICKLE_RUNS_CODE, 'pickle-runs-code', `pickle imports ${list(v.runsCode)}${where(firstDanger)}: loading this file runs code`, 'error', 502));
  } else if (v.outsideWeightsOnly.length > 0) {
    const first = report.globals.find((g) => !isWeightsOnlyGlobal(g)) as Located & { offset: number };
    out.push(
      fileFinding(
        NEEDS_WEIGHTS_ONLY_FALSE,
        'pickle-needs-weights-only-false',
        `pickle imports ${list(v.outsideWeightsOnly)}${where(first)}, outside what torch.load(weights_only=True) accepts: loading this file needs a full unpickler (weights_only=False)`,
        'warning',
        502,
      ),
    );
  }
  const walked = report.pickles > 0 || report.globals.length > 0 || report.unknown.length > 0 || report.codeLayers.length > 0;
  for (const p of report.notInspected) {
    out.push(
      fileFinding(
        MODEL_NOT_INSPECTED,
        'model-file-not-inspected',
        `model file ${walked ? 'only partly inspected' : 'not inspected'}: ${p.message}${p.entry ? ` (in ${p.entry})` : ''}`,
        'warning',
        1059,
      ),
    );
  }
  for (const l of report.codeLayers) {
    out.push(fileFinding(KERAS_CODE_LAYER, 'keras-code-in-config', `Keras config holds ${l.detail} (in ${l.entry}): loading this model can run it`, 'warning', 94));
  }
  return out;
}
