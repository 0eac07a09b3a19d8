// Text of suppression comments in the one form mlsec writes, the form Bandit also reads safely:
//   # nosec B602, B607 # why this is fine
import type { TextEdit } from '../analysis/types';
import type { NosecDirective } from './parse';

/** Escapes literal text for an LSP snippet (`$`, `}` and `\` are special there). */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** `# nosec CODES # reason` (no code: a blanket `# nosec`; no reason: no second `#`). */
export function canonicalNosec(codes: readonly string[], justification?: string): string {
  const head = codes.length > 0 ? `# nosec ${codes.join(', ')}` : '# nosec';
  return justification ? `${head} # ${justification}` : head;
}

/** Prose written after the codes without a `#`, turned into a justification (`- trusted` → `trusted`). */
export function proseAsJustification(prose: string | undefined): string | undefined {
  const cleaned = prose?.replace(/^[-–—:;,.\s]+/, '').trim();
  return cleaned || undefined;
}

/** The justification a rewritten directive keeps: its prose and its text after `#`, in that order. */
export function keptJustification(d: NosecDirective): string | undefined {
  const parts = [proseAsJustification(d.prose), d.justification].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' # ') : undefined;
}

/** Replaces the directive (from its `#` to the end of the comment) with `newText`. */
export function replaceDirective(d: NosecDirective, newText: string): TextEdit {
  return { range: { start: { line: d.line, character: d.start }, end: { line: d.line, character: d.end } }, newText };
}

/**
 * Removes the directive (with its justification) and the blanks before it: code before it and an
 * earlier comment on the line (`# type: ignore`) stay; a line that held only the directive becomes empty.
 */
export function removeDirective(d: NosecDirective, lineText: string): TextEdit {
  let start = d.start;
  while (start > 0 && (lineText[start - 1] === ' ' || lineText[start - 1] === '\t')) start--;
  return { range: { start: { line: d.line, character: start }, end: { line: d.line, character: d.end } }, newText: '' };
}
