// `node -r out/test/robustness/preloadFsSpy.js server.js`: reports on stderr every folder the server
// lists, reads or resolves below MLSEC_SPY_ROOT whose path has a segment named in MLSEC_SPY_SEGMENTS
// (comma-separated), so a test can prove that excluded folders are never entered.
import { isMainThread } from 'worker_threads';

const segments = (process.env.MLSEC_SPY_SEGMENTS ?? '').split(',').filter(Boolean);
const root = process.env.MLSEC_SPY_ROOT;
if (isMainThread && root && segments.length > 0) {
  // The module object itself: `import * as fs` gives a namespace whose getters read through to it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable module object, which `import` does not give
  const fsModule = require('fs') as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['readdirSync', 'opendirSync', 'statSync', 'lstatSync', 'realpathSync', 'readFileSync', 'existsSync']) {
    const original = fsModule[name];
    fsModule[name] = function (this: unknown, ...args: unknown[]) {
      const p = args[0];
      if (
        typeof p === 'string' &&
        p.startsWith(root) &&
        p
          .slice(root.length)
          .split(/[\\/]/)
          .some((s) => segments.includes(s))
      )
        process.stderr.write(`MLSEC-SPY ${name} ${p}\n`);
      return original.apply(this, args);
    };
  }
}
