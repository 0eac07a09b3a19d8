// Code actions, computed from the diagnostics the client sends back and the findings the server
// holds: no connection, no rule walking. Per diagnostic, in the order vscode-eslint made familiar:
// the rule's fixes · fix all of this code · suppress on this line with a justification · show the
// rule's documentation; then the document-level `source.fixAll.mlsec` (safe fixes only).
// mlsec.fixAll and mlsec.codeAction.{fixViolation,suppressViolation}.enable switch groups off, as
// Ruff's settings do.
//
// The editor asks on every cursor move, so a request costs what its diagnostics need, whatever the
// number of findings: findings are looked up in an index (findingIndex.ts), parsing happens only to
// check an edit that goes into the answer (the statements it edits, or the whole text re-parsed from
// the store's tree: fixes/syntaxGuard.ts), and the document-wide edits — fix all of this code, fix all — are computed only when asked for by kind
// (`only`, as on save) or on codeAction/resolve, when the user picks the action. Clients that cannot
// resolve an edit lazily get every edit inline.
import { CodeAction, CodeActionKind, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Tree } from 'web-tree-sitter';
import type { Finding, TextEdit } from '../analysis/types';
import { applyFixesChecked, mergeFixes, Cancellation, FixesCancelledError } from '../fixes/merge';
import { plainEdits } from '../fixes/snippets';
import { SyntaxGuard } from '../fixes/syntaxGuard';
import { suppressionEdit } from '../fixes/suppressionComment';
import { codeLineStart } from '../fixes/statements';
import { LineIndex } from '../analysis/lineIndex';
import { isHygieneCode } from '../rules';
import { SERVER_COMMAND } from '../protocol';
import { isKnownCode } from '../suppressions';
import { REGISTRY_CATALOG } from '../check/source';

/** Codes a `# nosec` can name: the registry's rules and Bandit's tests. */
const knownCode = (code: string): boolean => isKnownCode(code, REGISTRY_CATALOG);
import { DiagnosticData, SOURCE } from './diagnostics';
import { FindingIndex, findingIndex, findingsOfDiagnostic, sameFixes } from './findingIndex';

export const SOURCE_FIX_ALL_MLSEC = `${CodeActionKind.SourceFixAll}.mlsec`;
/** The notebook-wide fix-all (VS Code's `notebook.codeActionsOnSave`), offered on notebook cells. */
export const NOTEBOOK_SOURCE_FIX_ALL_MLSEC = `notebook.${SOURCE_FIX_ALL_MLSEC}`;
export const FIX_ALL_TITLE = 'mlsec: Fix all safe-fixable problems';

export interface CodeActionToggles {
  fixAll: boolean;
  fixViolation: boolean;
  suppressViolation: boolean;
}

/** What the fix-all computations read. */
export interface FixAllInput {
  uri: string;
  text: string;
  /** The document's findings; index built once per array (findingIndex.ts). */
  allFindings: readonly Finding[];
  /**
   * Optional: the document's current parse tree, for exactly `text` (the store's). The syntax check
   * of an edit re-parses a copy of it incrementally instead of parsing `text` afresh; it is never
   * edited or freed here.
   */
  tree?: Tree;
  /** mlsec.fixAll and mlsec.codeAction.*.enable; everything on when absent. */
  toggles?: CodeActionToggles;
  /** Checked between diagnostics and inside the fix-all loops: a cancelled request stops there. */
  token?: Cancellation;
}

export interface CodeActionInput extends FixAllInput {
  only?: string[];
  diagnostics: Diagnostic[];
  /** The client's workspace.workspaceEdit.snippetEditSupport (LSP 3.18 SnippetTextEdit). */
  snippetSupport: boolean;
  /** The client resolves an action's `edit` on codeAction/resolve: document-wide edits are left to it. */
  resolveSupport?: boolean;
  /** Applied to the findings an action is made from (the model-file notes in fix titles). */
  annotate?: (f: Finding) => Finding;
}

/** What an unresolved fix-all carries to codeAction/resolve. `uri` is the document (or cell) asked about. */
export interface FixAllData {
  mlsec: 'fixAll';
  uri: string;
  scope: 'document' | 'code' | 'notebook';
  code?: string;
}

export function fixAllData(data: unknown): FixAllData | undefined {
  const d = data as Partial<FixAllData> | null | undefined;
  if (!d || d.mlsec !== 'fixAll' || typeof d.uri !== 'string') return undefined;
  if (d.scope === 'code') return typeof d.code === 'string' ? { mlsec: 'fixAll', uri: d.uri, scope: 'code', code: d.code } : undefined;
  return d.scope === 'document' || d.scope === 'notebook' ? { mlsec: 'fixAll', uri: d.uri, scope: d.scope } : undefined;
}

const ALL_ON: CodeActionToggles = { fixAll: true, fixViolation: true, suppressViolation: true };

/** `only: ['source.fixAll']` admits `source.fixAll.mlsec`; no `only` admits everything. */
export function kindAllowed(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function isMlsecDiagnostic(d: Diagnostic): d is Diagnostic & { code: string; data: DiagnosticData } {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return d.source === SOURCE && typeof d.code === 'string' && !!data && Array.isArray(data.fixes);
}

/**
 * A workspace edit for one document. Snippet edits go out as LSP 3.18 SnippetTextEdits in
 * `documentChanges` when the client supports them; otherwise as plain text with the placeholders.
 */
function workspaceEdit(uri: string, edits: TextEdit[], snippet: boolean, snippetSupport: boolean): WorkspaceEdit {
  if (snippet && snippetSupport) {
    return {
      documentChanges: [
        {
          textDocument: { uri, version: null },
          edits: edits.map((e) => ({ range: e.range, snippet: { kind: 'snippet' as const, value: e.newText } })),
        },
      ],
    };
  }
  const plain: LspTextEdit[] = snippet ? plainEdits({ title: '', safety: 'safe', edits, snippet: true }) : edits;
  return { changes: { [uri]: plain } };
}

/** A syntax guard made on first use (one incremental parse per checked edit), disposed by `dispose`. */
export class LazyGuard {
  private guard: SyntaxGuard | undefined;
  private index: LineIndex | undefined;
  constructor(
    private readonly text: string,
    private readonly tree: Tree | undefined,
  ) {}
  get(): SyntaxGuard {
    return (this.guard ??= new SyntaxGuard(this.text, true, this.tree, this.lines()));
  }
  /** The text's line index, shared by the guard and the suppression edit. */
  lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }
  dispose(): void {
    this.guard?.dispose();
  }
}

/**
 * The actions for a request. A cancelled request stops between actions and returns the whole
 * actions it has.
 */
export function computeCodeActions(input: CodeActionInput): CodeAction[] {
  const guard = new LazyGuard(input.text, input.tree);
  const actions: CodeAction[] = [];
  try {
    collectActions(input, guard, actions);
  } catch (error) {
    if (!(error instanceof FixesCancelledError)) throw error;
  } finally {
    guard.dispose();
  }
  return actions;
}

function collectActions(input: CodeActionInput, guard: LazyGuard, actions: CodeAction[]): void {
  const { uri, text, only, token } = input;
  const index = findingIndex(input.allFindings);
  const toggles = input.toggles ?? ALL_ON;
  const annotate = input.annotate ?? ((f: Finding) => f);
  const fixAllDone = new Set<string>();
  const docsDone = new Set<string>();
  const ours = input.diagnostics.filter(isMlsecDiagnostic);
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of ours) {
    const list = byCode.get(d.code);
    if (list) list.push(d);
    else byCode.set(d.code, [d]);
  }

  for (const diagnostic of ours) {
    if (token?.isCancellationRequested) throw new FixesCancelledError();
    const code = diagnostic.code;
    const data = diagnostic.data;
    // A diagnostic the current findings no longer hold was computed for an older text (the client
    // asked before the latest analysis reached it): its edits would land in the wrong place.
    const matches = findingsOfDiagnostic(index, code, diagnostic.range).map(annotate);
    // The edits come from the server's own finding, not from `data` as the client sent it back: a
    // client (or a bug) can return data with edits past the end of a line or anywhere else.
    const finding = matches.find((f) => sameFixes(f.fixes, data.fixes)) ?? matches[0];
    if (!kindAllowed(CodeActionKind.QuickFix, only)) continue;

    let preferredGiven = false;
    for (const fix of finding && toggles.fixViolation ? finding.fixes : []) {
      if (fix.edits.length === 0 || !guard.get().keeps(plainEdits(fix))) continue;
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(uri, fix.edits, !!fix.snippet, input.snippetSupport),
      };
      if (!preferredGiven && fix.safety === 'safe') {
        action.isPreferred = true;
        preferredGiven = true;
      }
      actions.push(action);
    }

    if (toggles.fixViolation && !fixAllDone.has(code)) {
      fixAllDone.add(code);
      const title = `Fix all ${code} problems in this file`;
      const diagnostics = byCode.get(code) ?? [];
      if (input.resolveSupport) {
        // Offered when two findings have a fix to take; the edit is made on resolve.
        if ((index.fixableByCode.get(code) ?? 0) >= 2) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, data: { mlsec: 'fixAll', uri, scope: 'code', code } satisfies FixAllData });
      } else {
        const edits = fixAllOfCode(code, input, index, guard, 2);
        if (edits) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, edit: { changes: { [uri]: edits } } });
      }
    }

    // A `# nosec` cannot silence ML900 or the suppression-hygiene codes: no such action for them.
    let suppress: TextEdit | undefined;
    if (finding && !isHygieneCode(code) && toggles.suppressViolation) {
      // With the tree, the comment lexer reads from the statement around the node, not from the top.
      const from = input.tree ? codeLineStart(input.tree, guard.lines(), finding.nodeLines[0]) : undefined;
      suppress = suppressionEdit(text, finding, input.snippetSupport, knownCode, from);
    }
    if (suppress && guard.get().keeps(plainEdits({ title: '', safety: 'safe', edits: [suppress], snippet: input.snippetSupport }))) {
      actions.push({
        title: `Suppress ${code} on this line with a justification`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(uri, [suppress], input.snippetSupport, input.snippetSupport),
      });
    }

    if (!docsDone.has(code)) {
      docsDone.add(code);
      actions.push({
        title: `Show documentation for ${code}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${code}`, command: SERVER_COMMAND.showRuleDocs, arguments: [code] },
      });
    }
  }

  if (toggles.fixAll && kindAllowed(SOURCE_FIX_ALL_MLSEC, only)) {
    // Asked for by kind (`only` names source actions, as on save): computed now. Otherwise offered
    // without its edit, which is computed on resolve if the user picks it.
    const asked = !!only && only.length > 0;
    if (!asked && input.resolveSupport) {
      if (index.safeFixable > 0) actions.push({ title: FIX_ALL_TITLE, kind: SOURCE_FIX_ALL_MLSEC, data: { mlsec: 'fixAll', uri, scope: 'document' } satisfies FixAllData });
    } else {
      const edits = fixAllEdits(input, index, guard);
      if (edits) actions.push({ title: FIX_ALL_TITLE, kind: SOURCE_FIX_ALL_MLSEC, edit: { changes: { [uri]: edits } } });
    }
  }
}

/** The document's safe fixes together (the fix-all): undefined when none applies. */
export function fixAllEdits(input: FixAllInput, index: FindingIndex, guard: LazyGuard): TextEdit[] | undefined {
  const merged = mergeFixes(index.active, { unsafe: false }, input.token);
  if (merged.length === 0) return undefined;
  const result = applyFixesChecked(input.text, merged, guard.get(), input.token);
  return result.applied.length > 0 ? result.edits : undefined;
}

/**
 * "Fix all CODE problems in this file": each finding's first fix that is not a placeholder snippet,
 * unsafe ones included (the user asked for this code's fix by name), overlapping fixes dropped, and
 * any fix that would break parsing left out; undefined when fewer than `atLeast` fixes remain.
 */
export function fixAllOfCode(code: string, input: FixAllInput, index: FindingIndex, guard: LazyGuard, atLeast: number): TextEdit[] | undefined {
  const least = Math.max(1, atLeast);
  const merged = mergeFixes(index.activeByCode.get(code) ?? [], { unsafe: true }, input.token);
  if (merged.length < least) return undefined;
  const result = applyFixesChecked(input.text, merged, guard.get(), input.token);
  if (result.applied.length < least) return undefined;
  return result.edits;
}

/**
 * codeAction/resolve for a fix-all offered without its edit: the edit, computed for the document as
 * it is now (the text the client edits when it applies it). The action comes back unchanged when it
 * is not ours, was switched off since, has nothing left to fix, or the request was cancelled.
 */
export function resolveFixAll(input: FixAllInput, action: CodeAction): CodeAction {
  const data = fixAllData(action.data);
  if (!data) return action;
  const toggles = input.toggles ?? ALL_ON;
  const index = findingIndex(input.allFindings);
  const guard = new LazyGuard(input.text, input.tree);
  try {
    const edits = data.scope === 'code' ? (toggles.fixViolation ? fixAllOfCode(data.code!, input, index, guard, 1) : undefined) : toggles.fixAll ? fixAllEdits(input, index, guard) : undefined;
    return edits ? { ...action, edit: { changes: { [input.uri]: edits } } } : action;
  } catch (error) {
    if (error instanceof FixesCancelledError) return action;
    throw error;
  } finally {
    guard.dispose();
  }
}
