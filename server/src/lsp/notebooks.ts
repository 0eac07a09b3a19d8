// Open notebooks (LSP 3.17 notebook sync). vscode-languageserver's NotebookDocuments keeps each cell
// as a text document, edit by edit; here each notebook's Python cells become one virtual document
// (notebook/virtual.ts) held in the document store under the notebook's URI, so the store's
// incremental analysis serves notebooks too: a keystroke in a cell becomes one small edit of the
// virtual text. Findings then go back to the cells' URIs; requests on a cell URI are moved into
// the virtual document and their answers moved back.
import { NotebookDocuments, NotebookCellKind } from 'vscode-languageserver/node';
import type { NotebookDocument, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Position, Range } from '../analysis/types';
import type { ContentChange, DocumentAnalysis } from '../check/documentStore';
import type { OpenDocuments } from './documents';
import { VirtualNotebook, CellInput } from '../notebook/virtual';
import { toCellFinding } from '../notebook/analyze';
import { diagnosticsFor } from './diagnostics';

export interface CellRef {
  notebookUri: string;
  /** Index of the cell in the notebook (all cells counted). */
  index: number;
}

/** The smallest single change turning `before` into `after` (common prefix and suffix kept). */
export function minimalChange(before: string, after: string): ContentChange | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const doc = TextDocument.create('', 'python', 0, before);
  return { range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) }, text: after.slice(start, after.length - end) };
}

export class OpenNotebooks {
  readonly sync = new NotebookDocuments(TextDocument);
  private readonly virtual = new Map<string, VirtualNotebook>();
  /** Cell URIs whose text changed since the last analysis was reported, per notebook. */
  private readonly edited = new Map<string, Set<string>>();

  constructor(private readonly documents: OpenDocuments) {}

  isNotebook(uri: string): boolean {
    return this.virtual.has(uri);
  }

  /** The notebook a cell URI belongs to, and the cell's index in it. */
  cell(cellUri: string): CellRef | undefined {
    const notebook = this.sync.findNotebookDocumentForCell(cellUri);
    if (!notebook) return undefined;
    const index = notebook.cells.findIndex((c) => c.document === cellUri);
    return index < 0 ? undefined : { notebookUri: notebook.uri, index };
  }

  cellUri(notebookUri: string, index: number): string | undefined {
    return this.sync.getNotebookDocument(notebookUri)?.cells[index]?.document;
  }

  virtualOf(notebookUri: string): VirtualNotebook | undefined {
    return this.virtual.get(notebookUri);
  }

  private pythonCells(notebook: NotebookDocument): CellInput[] {
    const cells: CellInput[] = [];
    notebook.cells.forEach((cell, index) => {
      if (cell.kind !== NotebookCellKind.Code) return;
      const doc = this.sync.getCellTextDocument(cell);
      if (doc && doc.languageId === 'python') cells.push({ index, source: doc.getText() });
    });
    return cells;
  }

  /** Brings the virtual document of `notebookUri` up to date with its cells (open, or one minimal change). */
  update(notebookUri: string): Promise<void> {
    const notebook = this.sync.getNotebookDocument(notebookUri);
    if (!notebook) return Promise.resolve();
    const next = new VirtualNotebook(this.pythonCells(notebook));
    const previous = this.virtual.get(notebookUri);
    this.virtual.set(notebookUri, next);
    const edited = this.edited.get(notebookUri) ?? new Set<string>();
    this.edited.set(notebookUri, edited);
    for (const slot of next.slots) {
      if (previous?.slot(slot.index)?.source !== slot.source) edited.add(notebook.cells[slot.index].document);
    }
    if (!previous || !this.documents.isOpen(notebookUri)) return this.documents.open(notebookUri, notebook.version, next.text);
    const change = minimalChange(previous.text, next.text);
    // Cell moves or a metadata change can leave the text as it was: the mapping changed, the analysis did not.
    return this.documents.change(notebookUri, notebook.version, change ? [change] : []);
  }

  /** The cells edited since the last call (the client pulls their diagnostics by itself). */
  takeEditedCells(notebookUri: string): Set<string> {
    const edited = this.edited.get(notebookUri) ?? new Set<string>();
    this.edited.delete(notebookUri);
    return edited;
  }

  close(notebookUri: string): Promise<void> {
    this.virtual.delete(notebookUri);
    this.edited.delete(notebookUri);
    return this.documents.close(notebookUri);
  }

  /** The analysis of a notebook's virtual document, once every change received so far is analysed. */
  async settled(notebookUri: string): Promise<{ analysis: DocumentAnalysis; vn: VirtualNotebook } | undefined> {
    const analysis = await this.documents.settled(notebookUri);
    const vn = this.virtual.get(notebookUri);
    return analysis && vn && vn.text === analysis.text ? { analysis, vn } : undefined;
  }

  /** The findings of a virtual analysis moved to their cells, by cell index. */
  cellFindings(analysis: DocumentAnalysis, vn: VirtualNotebook): Map<number, Finding[]> {
    const byCell = new Map<number, Finding[]>();
    for (const slot of vn.slots) byCell.set(slot.index, []);
    for (const f of analysis.findings) {
      const mapped = toCellFinding(f, vn);
      if (mapped) byCell.get(mapped.cell!)?.push(mapped);
    }
    return byCell;
  }

  /** Diagnostics per cell URI (every Python cell, empty lists included: stale ones must be cleared). */
  cellDiagnostics(notebookUri: string, analysis: DocumentAnalysis, vn: VirtualNotebook): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    const byCell = this.cellFindings(analysis, vn);
    for (const [index, findings] of byCell) {
      const uri = this.cellUri(notebookUri, index);
      if (uri) out.set(uri, diagnosticsFor({ findings }));
    }
    // A notebook that is not analysed carries its ML900 finding on line 1 of the first Python cell.
    return out;
  }

  /** A cell position in the virtual document. */
  toVirtual(ref: CellRef, p: Position): Position | undefined {
    return this.virtual.get(ref.notebookUri)?.fromCell(ref.index, p);
  }

  toVirtualRange(ref: CellRef, r: Range): Range | undefined {
    const start = this.toVirtual(ref, r.start);
    const end = this.toVirtual(ref, r.end);
    return start && end ? { start, end } : undefined;
  }
}
