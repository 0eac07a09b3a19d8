// `node -r out/test/robustness/preloadThrowingRule.js server.js`: the server (and every worker thread,
// which inherits the preload) runs with a rule that always throws. Nothing in the server knows.
import { registerThrowingRule } from './throwingRule';

registerThrowingRule();
