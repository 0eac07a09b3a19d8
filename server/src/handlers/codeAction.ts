// textDocument/codeAction. Everything an action needs travels in the diagnostics' `data` (the fixes,
// the flagged node's lines) and in the findings the server already holds, so this is a pure function
// of its input: no connection, no rule walking. It parses only to check that an edit keeps the file
// parsing. Per diagnostic, in the order vscode-eslint made familiar: the rule's fixes · fix all of
// this code · suppress on this line with a justification · show the rule's documentation; then the
// document-level `source.fixAll.mlsec` (safe fixes only). mlsec.fixAll and
// mlsec.codeAction.{fixViolation,suppressViolation}.enable switch groups off, as Ruff's settings do.
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Tree } from 'web-tree-sitter';
import type { Session } from '../lsp/session';
import type { Finding, TextEdit } from '../analysis/types';
import { applyFixesChecked, combinedEdits, mergeFixes, plainEdits, SyntaxGuard } from '../fixes/apply';
import { suppressionEdit } from '../fixes/suppressionComment';
import { DiagnosticData, SOURCE } from '../lsp/diagnostics';
import { SHOW_RULE_DOCS_COMMAND } from './executeCommand';
import { cellCodeActions } from '../lsp/notebookActions';

export const SOURCE_FIX_ALL_MLSEC = `${CodeActionKind.SourceFixAll}.mlsec`;
/** The notebook-wide fix-all (VS Code's `notebook.codeActionsOnSave`), offered on notebook cells. */
export const NOTEBOOK_SOURCE_FIX_ALL_MLSEC = `notebook.${SOURCE_FIX_ALL_MLSEC}`;

export interface CodeActionInput {
  uri: string;
  text: string;
  range: Range;
  only?: string[];
  diagnostics: Diagnostic[];
  allFindings: Finding[];
  /** The client's workspace.workspaceEdit.snippetEditSupport (LSP 3.18 SnippetTextEdit). */
  snippetSupport: boolean;
  /**
   * The configured timeout. Unused today: the fixes in `data` were built with the same setting
   * (B113, ML201 read `config.defaultTimeout`); kept so the request shape states what actions depend on.
   */
  defaultTimeout: number;
  /**
   * Optional: the document's current parse tree, for exactly `text` (the store's). Saves the one
   * parse the syntax check otherwise makes; it is copied, never edited or freed here.
   */
  tree?: Tree;
  /** mlsec.fixAll and mlsec.codeAction.*.enable; everything on when absent. */
  toggles?: { fixAll: boolean; fixViolation: boolean; suppressViolation: boolean };
}

/** `only: ['source.fixAll']` admits `source.fixAll.mlsec`; no `only` admits everything. */
function kindAllowed(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function isMlsecDiagnostic(d: Diagnostic): d is Diagnostic & { code: string; data: DiagnosticData } {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return d.source === SOURCE && typeof d.code === 'string' && !!data && Array.isArray(data.fixes);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** ML901–ML904 report on suppression comments themselves. */
function isHygieneCode(code: string): boolean {
  return /^ML9\d\d$/.test(code);
}

/**
 * A workspace edit for one document. Snippet edits go out as LSP 3.18 SnippetTextEdits in
 * `documentChanges` when the client supports them; otherwise as plain text with the placeholders.
 */
function workspaceEdit(uri: string, edits: TextEdit[], snippet: boolean, snippetSupport: boolean): WorkspaceEdit {
  if (snippet && snippetSupport) {
    return {
      documentChanges: [{
        textDocument: { uri, version: null },
        edits: edits.map((e) => ({ range: e.range, snippet: { kind: 'snippet' as const, value: e.newText } })),
      }],
    };
  }
  const plain: LspTextEdit[] = snippet ? plainEdits({ title: '', safety: 'safe', edits, snippet: true }) : edits;
  return { changes: { [uri]: plain } };
}

export function computeCodeActions(input: CodeActionInput): CodeAction[] {
  // Parsed once, lazily, and re-parsed incrementally per candidate edit.
  let guard: SyntaxGuard | undefined;
  const guardOf = () => (guard ??= new SyntaxGuard(input.text, true, 'lsp', input.tree));
  try {
    return actionsFor(input, guardOf);
  } finally {
    guard?.dispose();
  }
}

function actionsFor(input: CodeActionInput, guard: () => SyntaxGuard): CodeAction[] {
  const { uri, text, only } = input;
  const actions: CodeAction[] = [];
  const active = input.allFindings.filter((f) => !f.suppressedBy);
  const fixAllDone = new Set<string>();
  const docsDone = new Set<string>();
  const toggles = input.toggles ?? { fixAll: true, fixViolation: true, suppressViolation: true };

  for (const diagnostic of input.diagnostics) {
    if (!isMlsecDiagnostic(diagnostic)) continue;
    const code = diagnostic.code;
    const data = diagnostic.data;
    // A diagnostic the current findings no longer hold was computed for an older text (the client
    // asked before the latest analysis reached it): its edits would land in the wrong place.
    let matches = input.allFindings.filter((f) => f.code === code && sameRange(f.range, diagnostic.range));
    if (matches.length === 0) {
      // Some clients send back columns they converted (Neovim 0.7 echoes byte columns on non-ASCII
      // lines): accept the one finding of this code on the same lines, but never a guess among several.
      const sameLines = input.allFindings.filter((f) => f.code === code && f.range.start.line === diagnostic.range.start.line && f.range.end.line === diagnostic.range.end.line);
      if (sameLines.length === 1) matches = sameLines;
    }
    const current = matches.length > 0;
    // The edits come from the server's own finding, not from `data` as the client sent it back: a
    // client (or a bug) can return data with edits past the end of a line or anywhere else.
    const finding = matches.find((f) => JSON.stringify(f.fixes) === JSON.stringify(data.fixes)) ?? matches[0];

    if (kindAllowed(CodeActionKind.QuickFix, only)) {
      let preferredGiven = false;
      for (const fix of finding && toggles.fixViolation ? finding.fixes : []) {
        if (fix.edits.length === 0 || !guard().keeps(plainEdits(fix))) continue;
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
        const fixAll = fixAllForCode(code, text, active, guard());
        if (fixAll) {
          actions.push({
            title: `Fix all ${code} problems in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: input.diagnostics.filter((d) => isMlsecDiagnostic(d) && d.code === code),
            edit: { changes: { [uri]: fixAll } },
          });
        }
      }

      // A `# nosec` cannot silence the suppression-hygiene codes themselves: no such action for them.
      const suppress = !current || isHygieneCode(code) || !toggles.suppressViolation ? undefined : suppressionEdit(text, { code, nodeLines: finding?.nodeLines ?? data.nodeLines }, input.snippetSupport);
      if (suppress && guard().keeps(plainEdits({ title: '', safety: 'safe', edits: [suppress], snippet: input.snippetSupport }))) {
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
          command: { title: `Show documentation for ${code}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [code] },
        });
      }
    }
  }

  if (toggles.fixAll && kindAllowed(SOURCE_FIX_ALL_MLSEC, only)) {
    const merged = mergeFixes(active, { unsafe: false });
    if (merged.length > 0) {
      const result = applyFixesChecked(text, merged, guard());
      if (result.applied.length > 0) {
        actions.push({
          title: 'mlsec: Fix all safe-fixable problems',
          kind: SOURCE_FIX_ALL_MLSEC,
          edit: { changes: { [uri]: combinedEdits(result.applied) } },
        });
      }
    }
  }
  return actions;
}

/**
 * "Fix all CODE problems in this file": each finding's first fix that is not a placeholder snippet,
 * unsafe ones included (the user asked for this code's fix by name), overlapping fixes dropped, and
 * any fix that would break parsing left out. Offered when at least two findings can be fixed.
 */
function fixAllForCode(code: string, text: string, active: Finding[], guard: SyntaxGuard): TextEdit[] | undefined {
  const ofCode = active.filter((f) => f.code === code);
  const merged = mergeFixes(ofCode, { unsafe: true });
  if (merged.length < 2) return undefined;
  const result = applyFixesChecked(text, merged, guard);
  if (result.applied.length < 2) return undefined;
  return combinedEdits(result.applied);
}

/** The request handler: the open document's text and findings, as the store holds them now (a notebook cell's: lsp/notebookActions.ts). */
export async function onCodeAction(session: Session, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const cell = session.notebooks.cell(uri);
  if (cell) return cellCodeActions(session, cell, params);
  const analysis = await session.documents.settled(uri);
  if (!analysis) return [];
  const { analysis: config, settings } = await session.config.configFor(uri);
  return computeCodeActions({
    uri,
    text: analysis.text,
    range: params.range,
    only: params.context.only,
    diagnostics: params.context.diagnostics,
    allFindings: analysis.findings,
    snippetSupport: session.features.snippets,
    defaultTimeout: config?.defaultTimeout ?? 30,
    toggles: { fixAll: settings.fixAll, ...settings.codeAction },
  });
}
