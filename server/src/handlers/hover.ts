// textDocument/hover: a rule's docs over one of its diagnostics, or over its code in a nosec/noqa comment.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import type { Finding, Position, Range } from '../analysis/types';
import { comparePositions } from '../analysis/types';
import { ruleByCode } from '../rules';
import { ruleDocsMarkdown } from '../rules/docsMarkdown';
import { suppressionCodeAt } from '../lsp/suppressionCodes';

function contains(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

function lineAt(text: string, line: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  return lines[line] ?? '';
}

export async function onHover(session: Session, params: HoverParams): Promise<Hover | null> {
  const cell = session.notebooks.cell(params.textDocument.uri);
  if (cell) {
    // A notebook cell: asked of the notebook's virtual document, the range moved back to the cell.
    const settled = await session.notebooks.settled(cell.notebookUri);
    const p = session.notebooks.toVirtual(cell, params.position);
    const hover = settled && p ? hoverAt(settled.analysis, p) : null;
    const range = hover?.range && settled?.vn.rangeToCell(hover.range);
    return hover && range && range.cell === cell.index ? { ...hover, range: range.range } : hover && { contents: hover.contents };
  }
  const analysis = await session.documents.settled(params.textDocument.uri);
  return analysis ? hoverAt(analysis, params.position) : null;
}

function hoverAt(analysis: { text: string; findings: Finding[] }, p: Position): Hover | null {
  const inComment = suppressionCodeAt(lineAt(analysis.text, p.line), p.character);
  if (inComment) {
    const rule = ruleByCode(inComment.code);
    if (!rule) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: ruleDocsMarkdown(rule) },
      range: { start: { line: p.line, character: inComment.start }, end: { line: p.line, character: inComment.end } },
    };
  }
  const hits = analysis.findings.filter((f) => contains(f.range, p));
  const codes = [...new Set(hits.map((f) => f.code))];
  const rules = codes.map((c) => ruleByCode(c)).filter((r) => r !== undefined);
  if (rules.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: rules.map(ruleDocsMarkdown).join('\n\n---\n\n') },
    range: hits[0].range,
  };
}
