// Bench-only worker for the parse-only baseline: read, decode and parse each file, nothing else.
// It does what the scanner's workers do before any rule runs, so scan ÷ parse-only is the rules' cost.
import { parentPort } from 'worker_threads';
import { loadPython, parsePython } from '../server/src/analysis/parser';
import { readSource } from '../server/src/workspace/readSource';

export interface ParseBatch {
  files: string[];
}
export interface ParseBatchResult {
  lines: number;
  bytes: number;
  files: number;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function parseFiles(files: string[]): ParseBatchResult {
  const result: ParseBatchResult = { lines: 0, bytes: 0, files: 0 };
  for (const file of files) {
    const read = readSource(file);
    if (!read.ok) continue;
    parsePython(read.text).delete();
    result.lines += countLines(read.text);
    result.bytes += read.text.length;
    result.files++;
  }
  return result;
}

if (parentPort) {
  const port = parentPort;
  const ready = loadPython();
  port.on('message', (batch: ParseBatch) => {
    void ready.then(() => port.postMessage(parseFiles(batch.files)));
  });
}
