// textDocument/hover: a short card over a diagnostic — its message, the code as a link, whether a fix
// exists and how safe it is, the full page one click away — at most six lines per finding (the whole
// rule page belongs one click away, not in a tooltip with a scrollbar). Over a code in a nosec/noqa
// comment: the rule's name and first sentence, and the link.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import type { Finding, Position, Range } from '../analysis/types';
import { comparePositions } from '../analysis/types';
import { ruleByCode } from '../rules';
import type { Rule } from '../rules/rule';
import { suppressionCodeAt } from '../lsp/suppressionCodes';

function contains(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

function lineAt(text: string, line: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  return lines[line] ?? '';
}

/** Markdown link text and target: `]`, `)` and `<` cannot break out of them. */
function link(label: string, href: string): string {
  return `[${label.replace(/[[\]\\]/g, '\\$&')}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

/** The first sentence of the rule's "what it does", without Markdown that could spill over lines. */
function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  return end >= 0 ? flat.slice(0, end + 1) : flat;
}

function fixLine(finding: Finding): string {
  const fixes = finding.fixes.filter((f) => f.edits.length > 0);
  if (fixes.length === 0) return 'No automatic fix.';
  const safe = fixes.find((f) => f.safety === 'safe');
  if (safe) return `Fix available (safe): ${safe.title}.`;
  const f = fixes[0];
  return `Fix available (unsafe: review before applying)${f.snippet ? ', with a placeholder to fill in' : ''}: ${f.title}.`;
}

/** Four lines: code link and name, message, fix, documentation link. */
export function findingHover(finding: Finding, rule: Rule, docsLink: (code: string) => string): string {
  const href = docsLink(rule.code);
  return [`**${link(rule.code, href)}** ${rule.name} · mlsec`, '', finding.message, '', fixLine(finding), '', link('Full documentation', href)].join('\n');
}

export function ruleHover(rule: Rule, docsLink: (code: string) => string): string {
  const href = docsLink(rule.code);
  return [`**${link(rule.code, href)}** ${rule.name} · mlsec`, '', firstSentence(rule.docs.whatItDoes), '', link('Full documentation', href)].join('\n');
}

export async function onHover(session: Session, params: HoverParams): Promise<Hover | null> {
  const cell = session.notebooks.cell(params.textDocument.uri);
  if (cell) {
    // A notebook cell: asked of the notebook's virtual document, the range moved back to the cell.
    const settled = await session.notebooks.settled(cell.notebookUri);
    const p = session.notebooks.toVirtual(cell, params.position);
    const hover = settled && p ? hoverAt(settled.analysis, p, session.docsLink, session.annotator(cell.notebookUri)) : null;
    const range = hover?.range && settled?.vn.rangeToCell(hover.range);
    return hover && range && range.cell === cell.index ? { ...hover, range: range.range } : hover && { contents: hover.contents };
  }
  const analysis = await session.documents.settled(params.textDocument.uri);
  return analysis ? hoverAt(analysis, params.position, session.docsLink, session.annotator(params.textDocument.uri)) : null;
}

function hoverAt(analysis: { text: string; findings: Finding[] }, p: Position, docsLink: (code: string) => string, annotate?: (f: Finding) => Finding): Hover | null {
  const inComment = suppressionCodeAt(lineAt(analysis.text, p.line), p.character);
  if (inComment) {
    const rule = ruleByCode(inComment.code);
    if (!rule) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: ruleHover(rule, docsLink) },
      range: { start: { line: p.line, character: inComment.start }, end: { line: p.line, character: inComment.end } },
    };
  }
  const hits = analysis.findings.filter((f) => contains(f.range, p));
  const cards: string[] = [];
  for (const f of hits) {
    const rule = ruleByCode(f.code);
    if (rule) cards.push(findingHover(annotate ? annotate(f) : f, rule, docsLink));
  }
  if (cards.length === 0) return null;
  // A loading call whose file the model scan has read: what that file holds comes first.
  const loads = annotate ? hits.map((f) => annotate(f).data?.model as { path: string; verdict: string } | undefined).find((m) => m) : undefined;
  const head = loads ? [`**\`${loads.path}\`**: ${loads.verdict}`] : [];
  return { contents: { kind: MarkupKind.Markdown, value: [...head, ...cards].join('\n\n---\n\n') }, range: hits[0].range };
}
