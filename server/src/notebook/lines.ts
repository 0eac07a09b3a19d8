// The source lines a finding's range refers to, for reports that key findings by their text
// (baselines, fingerprints): a .py file's lines, or for a notebook the lines of the finding's cell.
import type { Finding } from '../analysis/types';
import { readSource } from '../workspace/readSource';
import { isNotebookFile, readNotebookFile } from './read';

/** Reads `file` once; the returned function gives the lines a finding of that file is on. */
export function findingLinesOf(file: string): (f: Finding) => string[] {
  if (isNotebookFile(file)) {
    const read = readNotebookFile(file);
    const cells = read.ok ? read.notebook.cells.map((c) => c.source.split(/\r\n|\r|\n/)) : [];
    return (f) => cells[f.cell ?? -1] ?? [];
  }
  const read = readSource(file);
  const lines = read.ok ? read.text.split(/\r\n|\r|\n/) : [];
  return () => lines;
}
