// The data that flows out of analysis. Plain JSON-serialisable objects: findings cross worker-thread
// boundaries, are cached on disk and travel in `Diagnostic.data`.

/** Zero-based line and UTF-16 column, as LSP wants them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Confidence = 'high' | 'medium' | 'low';
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /** When true, `newText` of the edits uses LSP snippet syntax ($1, ${1:placeholder}). */
  snippet?: boolean;
}

export interface Finding {
  code: string;
  /** The rule's kebab-case name. */
  name: string;
  message: string;
  /** The narrowest useful range: the called name or the offending keyword argument. */
  range: Range;
  /** First and last line of the whole flagged statement node: a `# nosec` on any of them applies. */
  nodeLines: [number, number];
  severity: Severity;
  confidence: Confidence;
  cwe: number;
  fixes: Fix[];
  /** Extra facts a fix or a later stage needs (repo id, the keyword at fault, …). */
  data?: Record<string, unknown>;
  /** Set when the finding is silenced by a suppression comment (kept for audit mode and ML904). */
  suppressedBy?: string;
  /**
   * Notebooks only: the index of the cell in the notebook's `cells` list (0-based, every cell
   * counted). `range`, `nodeLines` and the fixes' edits are then relative to that cell's text.
   */
  cell?: number;
  /** Notebooks only: where the flagged text is in the .ipynb file itself (inside a JSON string). */
  fileRange?: Range;
}

export function rangeOf(node: { startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
