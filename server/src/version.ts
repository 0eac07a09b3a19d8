// The package version: injected by the bundler, read from package.json when running from out/.
import * as fs from 'fs';
import * as path from 'path';

declare const MLSEC_VERSION: string | undefined;

function fromPackageJson(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'mlsec') return String(pkg.version);
    } catch {
      /* keep looking */
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

export const VERSION: string = typeof MLSEC_VERSION === 'string' ? MLSEC_VERSION : fromPackageJson();
