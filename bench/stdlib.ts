// The Python standard library of this machine as a real-world corpus: found through `python3`
// (sysconfig), without test/ and tests/ folders and without site-packages. Absent Python → skipped.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export function stdlibDir(): string | undefined {
  const r = spawnSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && fs.existsSync(dir) ? dir : undefined;
}

const EXCLUDED = new Set(['test', 'tests', 'site-packages', '__pycache__']);

/** Every .py file under the stdlib folder except tests and installed packages, sorted. */
export function stdlibFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!EXCLUDED.has(e.name)) walk(path.join(d, e.name));
      } else if (e.isFile() && e.name.endsWith('.py')) out.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}
