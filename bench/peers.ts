// The tools mlsec is measured against: Ruff and Bandit from MLSEC_RUFF / MLSEC_BANDIT, else
// .cache/peers/bin (as ../shared/tools/install-peers.sh .cache/peers installs them). Absent → the
// sections that need them print a note instead of a figure.
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';

export interface Peer {
  path: string;
  version: string;
}

function find(root: string, tool: 'ruff' | 'bandit', env: string | undefined): Peer | undefined {
  for (const candidate of [env, path.join(root, '.cache', 'peers', 'bin', tool)]) {
    if (!candidate || !fs.existsSync(candidate)) continue;
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    // `ruff 0.16.10`; Bandit prints `__main__.py 1.9.4` and its Python on the next lines.
    const version = (r.stdout.split('\n')[0].match(/\d+\.\d+(\.\d+)?/) ?? ['?'])[0];
    return { path: candidate, version };
  }
  return undefined;
}

export function findPeers(root: string): { ruff?: Peer; bandit?: Peer } {
  return { ruff: find(root, 'ruff', process.env.MLSEC_RUFF), bandit: find(root, 'bandit', process.env.MLSEC_BANDIT) };
}
