// The seeded list of single edits that the edit bench types into a file, the same for every server:
// one insertion each (undone right after), of the kinds that make real typing pass through broken
// text. Offsets are UTF-16 code units into the original text; the driver turns them into LSP
// positions with vscode-languageserver-textdocument. An offset never splits a surrogate pair or a
// CRLF, so inserting there is something an editor could do.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rng } from './random';

export type EditKind = 'identifier char' | '(' | '"' | 'newline' | 'emoji' | 'CRLF' | 'import line';

export interface PlannedEdit {
  kind: EditKind;
  /** Where the text is inserted (UTF-16 offset into the text before the edit). */
  offset: number;
  text: string;
}

const KINDS: readonly { kind: EditKind; text: string }[] = [
  { kind: 'identifier char', text: 'x' },
  { kind: '(', text: '(' },
  { kind: '"', text: '"' },
  { kind: 'newline', text: '\n' },
  // U+1F600: two UTF-16 code units, four UTF-8 bytes; every later column on the line shifts by 2.
  { kind: 'emoji', text: '\u{1F600}' },
  { kind: 'CRLF', text: '\r\n' },
  { kind: 'import line', text: 'import numpy as np\n' },
];

function splitsSomething(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  const highSurrogate = before >= 0xd800 && before <= 0xdbff;
  return highSurrogate || (before === 0x0d && after === 0x0a);
}

/** `count` edits on `text`, each kind equally likely; same (text, count, seed) → same plan. */
export function planEdits(text: string, count: number, seed: number): PlannedEdit[] {
  const r = rng(seed);
  // Where lines start (the document's line table); not the end of the text, after a final line break.
  const doc = TextDocument.create('bench:plan', 'python', 0, text);
  const lineStarts = [0];
  for (let line = 1; line < doc.lineCount; line++) {
    const start = doc.offsetAt({ line, character: 0 });
    if (start < text.length) lineStarts.push(start);
  }
  const plan: PlannedEdit[] = [];
  while (plan.length < count) {
    const { kind, text: insert } = KINDS[Math.floor(r() * KINDS.length)];
    // A whole line goes in at the start of a line; a character anywhere.
    const offset = kind === 'import line' ? lineStarts[Math.floor(r() * lineStarts.length)] : Math.floor(r() * (text.length + 1));
    if (splitsSomething(text, offset)) continue;
    plan.push({ kind, offset, text: insert });
  }
  return plan;
}

export const EDIT_KINDS: readonly EditKind[] = KINDS.map((k) => k.kind);
