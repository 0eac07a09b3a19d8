// Scan results of the workspace's files (for files that are not open in the editor), each with a
// result id that changes whenever its findings may have, for pull clients' unchanged reports.
import type { FileResult } from './scanner';

export interface StoredResult {
  result: FileResult;
  resultId: string;
}

export class WorkspaceResults {
  private readonly byUri = new Map<string, StoredResult>();
  private generation = 0;

  set(uri: string, result: FileResult): StoredResult {
    const previous = this.byUri.get(uri);
    const same = previous && JSON.stringify(previous.result.findings) === JSON.stringify(result.findings) && previous.result.skipped === result.skipped;
    const stored = { result, resultId: same ? previous.resultId : String(++this.generation) };
    this.byUri.set(uri, stored);
    return stored;
  }

  get(uri: string): StoredResult | undefined {
    return this.byUri.get(uri);
  }

  delete(uri: string): boolean {
    return this.byUri.delete(uri);
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  entries(): [string, StoredResult][] {
    return [...this.byUri.entries()];
  }

  clear(): void {
    this.byUri.clear();
  }
}
