// Notebook scan throughput next to .py for the same code: the corpus's .py files, each also written
// as a notebook (cells cut at top-level statements every ~25 lines, a markdown cell and a stream
// output per code cell, as real notebooks carry), scanned alike (worker threads, no cache).
import * as fs from 'fs';
import * as path from 'path';
import { scanProject } from '../server/src/workspace/projectScan';
import { defaultConfig } from '../server/src/config/analysisConfig';
import { Row, fmt, spread, median } from './stats';

/** A .py text as nbformat 4 JSON (indent 1, as Jupyter writes). */
export function asNotebook(py: string): string {
  const lines = py.split('\n');
  const cells: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    // A new cell at a top-level statement once the cell has ~25 lines (never inside a block).
    if (current.length >= 25 && /^[A-Za-z_@]/.test(line)) {
      cells.push(current);
      current = [];
    }
    current.push(line);
  }
  cells.push(current);
  const toSource = (ls: string[]) => ls.map((l, i) => (i < ls.length - 1 ? `${l}\n` : l));
  return (
    JSON.stringify(
      {
        cells: cells.flatMap((c, i) => [
          { cell_type: 'markdown', metadata: {}, source: [`## Step ${i + 1}`] },
          { cell_type: 'code', execution_count: i + 1, metadata: {}, outputs: [{ name: 'stdout', output_type: 'stream', text: ['ok\n'] }], source: toSource(c) },
        ]),
        metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

export async function notebookThroughput(rows: Row[], pyFiles: string[], dir: string, cores: number, reps: number): Promise<void> {
  const section = `notebooks vs .py (same code, ${pyFiles.length} files)`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let lines = 0;
  let pyBytes = 0;
  let nbBytes = 0;
  const notebooks = pyFiles.map((f, i) => {
    const text = fs.readFileSync(f, 'utf8');
    lines += text.split('\n').length;
    pyBytes += Buffer.byteLength(text);
    const nb = path.join(dir, `nb${i}.ipynb`);
    const json = asNotebook(text);
    nbBytes += Buffer.byteLength(json);
    fs.writeFileSync(nb, json);
    return nb;
  });
  const config = defaultConfig();
  const py: number[] = [];
  const nb: number[] = [];
  let pyFindings = 0;
  let nbFindings = 0;
  for (let i = 0; i < reps; i++) {
    let t0 = performance.now();
    const a = await scanProject(pyFiles, { threads: cores, configFor: () => config });
    py.push(performance.now() - t0);
    t0 = performance.now();
    const b = await scanProject(notebooks, { threads: cores, configFor: () => config });
    nb.push(performance.now() - t0);
    pyFindings = a.reduce((n, r) => n + r.findings.length, 0);
    nbFindings = b.reduce((n, r) => n + r.findings.length, 0);
    const skipped = b.filter((r) => r.skipped);
    if (skipped.length > 0) throw new Error(`${skipped.length} notebooks skipped: ${skipped[0].skipped}`);
  }
  const perSec = (ms: number) => `${fmt(lines / (ms / 1000), 0)} lines/s`;
  rows.push({ section, measure: `lines of code · bytes .py → .ipynb (MB)`, value: `${lines.toLocaleString('en-US')} · ${fmt(pyBytes / 1048576, 1)} → ${fmt(nbBytes / 1048576, 1)}` });
  rows.push({ section, measure: `.py scan, ${cores} worker threads (ms)`, value: `${spread(py, 0)} (${perSec(median(py))})` });
  rows.push({ section, measure: `.ipynb scan, ${cores} worker threads (ms)`, value: `${spread(nb, 0)} (${perSec(median(nb))})` });
  rows.push({ section, measure: '.ipynb ÷ .py time', value: fmt(median(nb) / median(py), 2) });
  rows.push({ section, measure: 'findings .py · .ipynb (the same code finds the same)', value: `${pyFindings} · ${nbFindings}`, target: 'equal', met: pyFindings === nbFindings });
}
