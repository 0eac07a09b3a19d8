// `npm run bench`: builds, then measures every performance figure of issue 9 on this machine and
// prints one table. Corpora are generated (or found) at run time under .cache/bench/.
import * as os from 'os';
import * as path from 'path';
import { writeCorpus, DEFAULT_CORPUS } from './corpus';
import { stdlibDir, stdlibFiles } from './stdlib';
import { parseOnly } from './parseOnly';
import { Row, printTable, fmt, spread } from './stats';
import { scanFiles } from '../server/src/workspace/scanner';
import { defaultConfig } from '../server/src/config/analysisConfig';

const root = path.resolve(__dirname, '../..');
const cacheDir = path.join(root, '.cache', 'bench');

async function main(): Promise<void> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const rows: Row[] = [];
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
  log(`generating corpus (${DEFAULT_CORPUS.files} files)`);
  const gen = writeCorpus(path.join(cacheDir, 'generated'));
  const corpora: { name: string; files: string[] }[] = [{ name: 'generated', files: gen }];
  const std = stdlibDir();
  if (std) corpora.push({ name: 'stdlib', files: stdlibFiles(std) });
  else log('python3 not found: the stdlib corpus is skipped');
  for (const c of corpora) {
    const parses: number[] = [];
    let lines = 0;
    for (let i = 0; i < 3; i++) {
      const r = await parseOnly(c.files, cores);
      parses.push(r.ms);
      lines = r.lines;
    }
    rows.push({ section: `cold scan: ${c.name}`, measure: 'files / lines', value: `${c.files.length} / ${lines}` });
    rows.push({ section: `cold scan: ${c.name}`, measure: `parse-only, ${cores} threads (ms)`, value: spread(parses, 0) });
    const scans: number[] = [];
    for (let i = 0; i < 1; i++) {
      const t0 = performance.now();
      await scanFiles(c.files, { configFor: () => defaultConfig() });
      scans.push(performance.now() - t0);
    }
    rows.push({ section: `cold scan: ${c.name}`, measure: 'scan, 1 thread (ms)', value: spread(scans, 0) });
    rows.push({ section: `cold scan: ${c.name}`, measure: 'lines/s', value: fmt(lines / (Math.min(...scans) / 1000), 0) });
  }
  process.stdout.write(`\nmlsec bench — ${cores} cores, Node ${process.version}\n\n`);
  printTable(rows);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
