// What the scan of one model file found: the globals its pickles import (with where they were), the
// parts it could not inspect and why, and code-carrying Keras layers. Verdicts (verdict.ts) and
// findings are made from this alone.
import { StreamProblem, type ByteSource } from './byteSource';
import { DEFAULT_PICKLE_LIMITS, PickleFacts, type GlobalRef, type PickleLimits, type UnknownGlobal } from './pickleReader';

export type ModelFormat = 'pickle' | 'pytorch-zip' | 'pytorch-legacy' | 'joblib' | 'numpy' | 'npz' | 'keras' | 'zip' | 'compressed' | 'unknown';

export interface Located {
  /** The container entry the pickle was in (`archive/data.pkl`), when it was in one. */
  entry?: string;
}

export interface NotInspected extends Located {
  kind: StreamProblem['kind'] | 'compressed' | 'format' | 'zip' | 'read';
  offset?: number;
  message: string;
}

export interface CodeLayer extends Located {
  className: string;
  /** The layer's or function's name in the config. */
  name?: string;
  detail: string;
}

export interface ModelReport {
  format: ModelFormat;
  globals: (GlobalRef & Located)[];
  unknown: (UnknownGlobal & Located)[];
  /** "module.name" of globals that the pickle calls. */
  called: string[];
  notInspected: NotInspected[];
  codeLayers: CodeLayer[];
  pickles: number;
}

export interface ModelScanLimits {
  pickle: PickleLimits;
  /** Files larger than this are not inspected. */
  maxFileBytes: number;
  /** Zip archives with more entries are not inspected past this many. */
  maxZipEntries: number;
  /** Largest compressed entry or compressed file inflated in memory, and its largest output. */
  maxCompressedBytes: number;
  maxInflatedBytes: number;
}

export const DEFAULT_MODEL_LIMITS: ModelScanLimits = {
  pickle: DEFAULT_PICKLE_LIMITS,
  maxFileBytes: 64 * 1024 ** 3,
  maxZipEntries: 100_000,
  maxCompressedBytes: 64 * 1024 ** 2,
  maxInflatedBytes: 256 * 1024 ** 2,
};

export function emptyReport(format: ModelFormat = 'unknown'): ModelReport {
  return { format, globals: [], unknown: [], called: [], notInspected: [], codeLayers: [], pickles: 0 };
}

/** Adds what a walk found to the report, each item tagged with its entry. */
export function mergeFacts(report: ModelReport, facts: PickleFacts, entry?: string): void {
  for (const g of facts.globals) report.globals.push(entry ? { ...g, entry } : g);
  for (const u of facts.unknown) report.unknown.push(entry ? { ...u, entry } : u);
  for (const c of facts.called) if (!report.called.includes(c)) report.called.push(c);
  report.pickles += facts.pickles;
}

export function problemOf(error: unknown, entry?: string): NotInspected {
  if (error instanceof StreamProblem) return { kind: error.kind, offset: error.offset, message: error.message, entry };
  return { kind: 'read', message: `read failed: ${(error as Error)?.message ?? error}`, entry };
}

export type { ByteSource };
