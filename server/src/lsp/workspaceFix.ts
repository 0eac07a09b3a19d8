// Remediation at workspace scale: one WorkspaceEdit across files, built with the same engine as
// `mlsec scan --fix` (check/fixText.ts). Open documents are fixed from the text the editor holds
// (their version travels with the edit, so a stale edit is refused); closed files are read from
// disk and edited with version null, without opening an editor. Each file's edit carries a change
// annotation that needs confirmation: VS Code then shows its refactor preview, with a check box per
// file, before anything is written.
import { URI } from 'vscode-uri';
import type { ChangeAnnotation, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Session } from './session';
import type { AnalysisConfig } from '../config/analysisConfig';
import type { Finding, Fix } from '../analysis/types';
import { fixText, changedHunks } from '../check/fixText';
import { discoverPythonFiles } from '../workspace/discovery';
import { declaredEncoding, readSource } from '../workspace/readSource';
import { configuredRules } from '../check/source';

/** `safe`: every safe fix (what fix-all does); `pinHuggingFace`: only the cached-commit pins. */
export type WorkspaceFixKind = 'safe' | 'pinHuggingFace';

/** The rules whose fixes pin a download to the commit in the local Hugging Face cache. */
export const PIN_CODES: ReadonlySet<string> = new Set(['B615', 'ML101']);

export interface WorkspaceFixPlan {
  edit: WorkspaceEdit;
  /** Files the edit changes. */
  files: number;
  /** Fixes in the edit, all files together, per code. */
  counts: Map<string, number>;
  fixes: number;
  /** Files not fixed, and why (unreadable, an encoding the editor may not open as written…). */
  skipped: { file: string; reason: string }[];
  /** Findings left that only an unsafe fix would fix (safe mode). */
  unsafeFixable: number;
}

export interface PlanOptions {
  /** Only these documents (Fix All in This File); every Python file of the workspace otherwise. */
  uris?: string[];
  /** Attach change annotations that need confirmation (the refactor preview). */
  confirm: boolean;
}

interface Target {
  uri: string;
  file?: string;
  version: number | null;
  text: string;
  config: AnalysisConfig;
}

const ANNOTATION_ID = 'mlsec.remediation';

const usable = (f: Fix) => f.edits.length > 0 && !f.snippet;

/** Whether a stored scan result shows anything this kind of fix could change. */
function mayFix(findings: Finding[], kind: WorkspaceFixKind): boolean {
  return findings.some((f) => !f.suppressedBy && (kind === 'safe' ? f.fixes.some((x) => usable(x) && x.safety === 'safe') : PIN_CODES.has(f.code) && f.fixes.some(usable)));
}

function summary(counts: Map<string, number>): string {
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, n]) => `${code}×${n}`)
    .join(', ');
}

/** The open document, or the file read from disk; undefined (with a reason) when it cannot be fixed. */
async function targetOf(session: Session, uri: string, scanned: AnalysisConfig | null | undefined, skip: (file: string, reason: string) => void): Promise<Target | undefined> {
  const file = URI.parse(uri).scheme === 'file' ? URI.parse(uri).fsPath : undefined;
  if (session.documents.isOpen(uri)) {
    const analysis = await session.documents.settled(uri);
    const config = (await session.config.configFor(uri)).analysis;
    if (!analysis || !config || analysis.skipped) return undefined;
    return { uri, file, version: analysis.version, text: analysis.text, config };
  }
  if (!file || !scanned) return undefined;
  const read = readSource(file);
  if (!read.ok) {
    skip(file, read.reason);
    return undefined;
  }
  // The editor opens a closed file as UTF-8 unless told otherwise: positions computed on text decoded
  // another way would land elsewhere, so such files are left to `mlsec scan --fix`.
  // (The declaration is ASCII, so it reads the same from the decoded text.)
  const declared = declaredEncoding(Buffer.from(read.text.slice(0, 1024), 'utf8'));
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    skip(file, `declares encoding '${declared}': fix it with mlsec scan --fix`);
    return undefined;
  }
  return { uri, file, version: null, text: read.text, config: scanned };
}

/** Every Python file to consider, with the folder settings it is scanned with (like the workspace scan). */
async function workspaceTargets(session: Session): Promise<{ uri: string; config: AnalysisConfig | null }[]> {
  const out: { uri: string; config: AnalysisConfig | null }[] = [];
  const seen = new Set<string>();
  for (const folder of session.folders) {
    const settings = await session.config.settingsFor(URI.file(folder).toString());
    if (!settings.enable) continue;
    const files = discoverPythonFiles([folder], {
      isExcluded: (abs, isDir) => session.config.isIgnored(abs, settings, isDir),
      onProblem: (p) => session.logger.debug(`${p.path}: ${p.message}`),
    });
    for (const file of files) {
      const uri = URI.file(file).toString();
      if (seen.has(uri)) continue;
      seen.add(uri);
      out.push({ uri, config: session.config.configForFile(file, settings) });
    }
  }
  // Open documents outside the folders (or not yet saved to a scanned path) count too.
  for (const uri of session.documents.uris()) if (!seen.has(uri)) out.push({ uri, config: null });
  return out;
}

export async function planWorkspaceFix(session: Session, kind: WorkspaceFixKind, options: PlanOptions): Promise<WorkspaceFixPlan> {
  const plan: WorkspaceFixPlan = { edit: {}, files: 0, counts: new Map(), fixes: 0, skipped: [], unsafeFixable: 0 };
  const skip = (file: string, reason: string) => plan.skipped.push({ file, reason });
  const candidates = options.uris ? options.uris.map((uri) => ({ uri, config: null })) : await workspaceTargets(session);
  const changes: TextDocumentEdit[] = [];
  for (const candidate of candidates) {
    // A file the last scan analysed with nothing this command could fix is not read again.
    const stored = session.documents.isOpen(candidate.uri) ? undefined : session.results.get(candidate.uri);
    if (stored && !stored.result.skipped && !mayFix(stored.result.findings, kind)) continue;
    const target = await targetOf(session, candidate.uri, candidate.config, skip);
    if (!target) continue;
    const rules = kind === 'pinHuggingFace' ? configuredRules(target.config).filter((r) => PIN_CODES.has(r.code)) : undefined;
    if (rules && rules.length === 0) continue;
    const fixed = fixText(target.text, target.config, { unsafe: kind === 'pinHuggingFace', rules });
    plan.unsafeFixable += kind === 'safe' ? fixed.unsafeFixable : 0;
    // One edit per changed stretch: the preview lists each fix, and an open editor keeps its cursor.
    const edits = changedHunks(target.text, fixed.text);
    if (edits.length === 0 || fixed.total === 0) continue;
    const annotated = options.confirm && session.features.changeAnnotations;
    changes.push({ textDocument: { uri: target.uri, version: target.version }, edits: annotated ? edits.map((e) => ({ ...e, annotationId: ANNOTATION_ID })) : edits });
    plan.files++;
    plan.fixes += fixed.total;
    for (const [code, n] of fixed.counts) plan.counts.set(code, (plan.counts.get(code) ?? 0) + n);
    // Fixing is synchronous work per file: let other requests (typing, hovers) in between files.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (session.features.documentChanges) {
    plan.edit = { documentChanges: changes };
    if (options.confirm && session.features.changeAnnotations && changes.length > 0) {
      // One annotation for the whole command: VS Code's preview then has one group whose check box
      // takes every file at once, and a check box per file. Edits that need confirmation start
      // unchecked there: nothing is written that the reviewer did not tick.
      const annotation: ChangeAnnotation = {
        label: `mlsec: ${describePlan(plan, kind === 'safe' ? 'fix' : 'pin')}`,
        description: kind === 'safe' ? 'safe fixes' : 'commits from the local Hugging Face cache',
        needsConfirmation: true,
      };
      plan.edit.changeAnnotations = { [ANNOTATION_ID]: annotation };
    }
  } else {
    plan.edit = { changes: Object.fromEntries(changes.map((c) => [c.textDocument.uri, c.edits as LspTextEdit[]])) };
  }
  return plan;
}

/** "Fixed 5 problems (B113×3, B614×2) in 3 files." for messages and the log. */
export function describePlan(plan: WorkspaceFixPlan, verb: string): string {
  if (plan.fixes === 0) return 'nothing to fix';
  return `${verb} ${plan.fixes} problem${plan.fixes === 1 ? '' : 's'} (${summary(plan.counts)}) in ${plan.files} file${plan.files === 1 ? '' : 's'}`;
}
