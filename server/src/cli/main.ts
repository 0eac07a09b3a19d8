// `mlsec scan [paths…]`: the same engine as the language server, for CI and terminals.
// Exit codes: 0 no findings (or --exit-zero), 1 findings (ML900, a file not analysed, included),
// 2 usage, I/O or internal error (a file --fix could not write included).
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { discoverFiles } from '../workspace/discovery';
import type { FileResult } from '../workspace/scanner';
import { scanProject, MIN_BYTES_FOR_CLI_WORKERS } from '../workspace/projectScan';
import { BASELINE_WASM_MAX_BYTES, preferBaselineWasm } from '../analysis/parser';
import { ScanCache, projectCacheDir, userCacheBase } from '../workspace/cache';
import { cacheProjectRoot, withNotAnalysed } from './notAnalysed';
import { shownPath, escapeControl } from './formats/text';
import { FORMATS, STATISTICS_FORMATS, isFormat, isMachineReadable, renderReport } from './formats';
import { applyThresholds, thresholdsFromFlags } from './gates';
import { Progress } from './progress';
import { fixFiles, formatFixSummary } from './fix';
import { writeFileViaRename } from '../workspace/safeWrite';
import { ALL_RULES } from '../rules';
import { defaultConfig, AnalysisConfig, isCodeEnabled } from '../config/analysisConfig';
import { PROFILES, Profile } from '../config/profiles';
import { ConfigResolver } from '../config/resolver';
import { applyBaselineOptions, BaselineError } from '../config/baseline';
import { VERSION } from '../version';
import { isModelFile } from '../models/modelFile';
import { ModelVerdicts, scanModelFiles } from '../models/scanModels';
import { annotateLoadFinding } from '../models/loadTarget';

const USAGE = `Usage: mlsec scan [options] [paths...]

Scans Python files, Jupyter notebooks and model files (folders are walked; .gitignore is honoured)
for ML security problems. A file that cannot be analysed is reported as ML900 (file-not-analysed).

Options:
  -f, --format <format>           text (default), json, sarif, github (workflow commands),
                                  gitlab (Code Quality JSON) or junit (JUnit XML)
  -o, --output <file>             write the report to a file instead of stdout
      --statistics                a count per rule code instead of the findings (text or json)
      --severity-threshold <low|medium|high>
                                  report only findings of this severity or higher (Bandit's
                                  -l/-ll/-lll; error = high, warning = medium, information = low)
      --confidence-threshold <low|medium|high>
                                  report only findings of this confidence or higher (-i/-ii/-iii)
      --exit-zero                 exit 0 even when findings are reported
      --select <codes>            only these codes (comma-separated; prefixes allowed)
      --ignore <codes>            skip these codes (comma-separated; prefixes allowed)
                                  (both replace select/ignore from config files)
      --profile <default|bandit>  which rules run when none are selected: default (what a
                                  reviewer acts on) or bandit (exactly Bandit's checks);
                                  --select ALL turns every rule on
      --ignore-suppressions       audit mode: also report findings silenced by # nosec / # noqa
      --baseline <file>           report only findings not listed in this baseline
      --write-baseline <file>     record the current findings as a baseline and exit 0
      --fix                       apply safe fixes to the files, then report what remains
      --unsafe-fixes              with --fix (or alone): also apply unsafe fixes
      --no-color                  plain text even on a terminal
  -q, --quiet                     no progress indicator
  -j, --jobs <n>                  threads to scan with (default: 1 below 4 MB of source, else the cores)
      --no-ignore                 also scan what .gitignore files and exclude settings skip
      --no-cache                  neither read nor write the scan cache
      --cache-dir <dir>           the per-user scan cache folder (default: $MLSEC_CACHE_DIR,
                                  else $XDG_CACHE_HOME/mlsec, else ~/.cache/mlsec)
      --no-notebooks              do not scan Jupyter notebooks (.ipynb) found in folders
      --no-model-files            do not read model files (.pt, .pth, .bin, .ckpt, .pkl, .pickle, .joblib,
                                  .npy, .npz, .keras) for pickles that run code (ML301-ML304)
  -h, --help                      show this help
  -V, --version                   print the version

Configuration is read from the nearest pyproject.toml ([tool.mlsec], [tool.bandit]) or .bandit.
Exit codes: 0 no findings, 1 findings (ML900 included; 0 with --exit-zero), 2 usage, I/O or
internal error (a file that --fix could not write included).
Other commands: mlsec rules (list the rules).`;

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

function splitCodes(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mlsec: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr.write(`mlsec: internal error: ${(error as Error)?.stack ?? error}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '-V' || command === '--version') {
    io.stdout.write(`mlsec ${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'rules') {
    for (const r of ALL_RULES) io.stdout.write(`${r.code.padEnd(6)} ${r.name.padEnd(36)} ${r.severity.padEnd(11)} CWE-${r.cwe}\n`);
    return 0;
  }
  if (command !== 'scan') throw new UsageError(`unknown command '${command}'`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        output: { type: 'string', short: 'o' },
        select: { type: 'string' },
        ignore: { type: 'string' },
        profile: { type: 'string' },
        'ignore-suppressions': { type: 'boolean', default: false },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        'no-cache': { type: 'boolean', default: false },
        'no-notebooks': { type: 'boolean', default: false },
        'no-ignore': { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
        'no-model-files': { type: 'boolean', default: false },
        jobs: { type: 'string', short: 'j' },
        statistics: { type: 'boolean', default: false },
        'exit-zero': { type: 'boolean', default: false },
        'severity-threshold': { type: 'string' },
        'confidence-threshold': { type: 'string' },
        // Bandit's counted short flags: -l/-ll/-lll and -i/-ii/-iii.
        level: { type: 'boolean', short: 'l', multiple: true },
        confidence: { type: 'boolean', short: 'i', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as string;
  if (!isFormat(format)) throw new UsageError(`unknown format '${format}' (${FORMATS.join(', ')})`);
  if (values.statistics && !STATISTICS_FORMATS.includes(format)) throw new UsageError(`--statistics prints text or json, not ${format}`);
  const thresholds = thresholdsFromFlags({
    severityThreshold: values['severity-threshold'],
    confidenceThreshold: values['confidence-threshold'],
    levelCount: values.level?.length,
    confidenceCount: values.confidence?.length,
  });
  if (typeof thresholds === 'string') throw new UsageError(thresholds);
  const known = ALL_RULES.map((r) => r.code);
  for (const code of [...splitCodes(values.select), ...splitCodes(values.ignore)]) {
    if (code !== 'ALL' && !known.some((k) => k.startsWith(code))) throw new UsageError(`unknown rule code '${code}'`);
  }
  if (values.profile !== undefined && !(PROFILES as readonly string[]).includes(values.profile)) {
    throw new UsageError(`unknown profile '${values.profile}' (${PROFILES.join(' or ')})`);
  }

  // Flags override the config files key by key; config files are found per file.
  const overrides: Partial<AnalysisConfig> = {};
  // As in Ruff, a --select starts the selection afresh: the config's ignore list no longer applies.
  if (values.select !== undefined) overrides.select = splitCodes(values.select);
  if (values.ignore !== undefined || values.select !== undefined) overrides.ignore = splitCodes(values.ignore);
  if (values['ignore-suppressions']) overrides.ignoreSuppressions = true;
  if (values.profile !== undefined) overrides.profile = values.profile as Profile;
  const resolver = new ConfigResolver({
    overrides,
    onProblem: (p) => io.stderr.write(`mlsec: ${shownPath(p.file, io.cwd)}${p.line ? `:${p.line}` : ''}: ${escapeControl(p.message)}\n`),
  });
  const configsUsed = new Set<AnalysisConfig>();
  const configFor = (file: string) => {
    const c = resolver.configFor(path.resolve(io.cwd, file));
    configsUsed.add(c);
    return c;
  };

  const roots = positionals.length > 0 ? positionals : ['.'];
  let rootProblems = 0;
  const withModels = !values['no-model-files'];
  const discovery = discoverFiles(roots, {
    cwd: io.cwd,
    noIgnore: values['no-ignore'],
    alsoInclude: withModels ? isModelFile : undefined,
    isExcluded: (abs, isDir) => resolver.isExcluded(abs, isDir),
    notebooks: !values['no-notebooks'],
    onProblem: (p) => {
      if (roots.includes(p.path)) rootProblems++; // a named path that cannot be read
      io.stderr.write(`mlsec: ${shownPath(p.path, io.cwd)}: ${escapeControl(p.message)}\n`);
    },
  });
  // Model files (by name) are read by the model scan, everything else as Python source.
  const modelFiles = withModels ? discovery.files.filter((f) => isModelFile(f)) : [];
  const files = withModels ? discovery.files.filter((f) => !isModelFile(f)) : discovery.files;
  if (discovery.files.length === 0 && discovery.notAnalysed.length === 0) {
    if (positionals.length > 0 && rootProblems >= positionals.length) return 2; // nothing that was named could be read
    if (discovery.ignored > 0) {
      io.stderr.write(`mlsec: no Python files to scan: ${discovery.ignored} path${discovery.ignored === 1 ? ' was' : 's were'} skipped by .gitignore or exclude settings (--no-ignore scans them)\n`);
    }
  }

  // A short run parses with V8's baseline wasm code: it exits sooner (parser.ts, preferBaselineWasm);
  // a small tree is scanned on this thread alone (projectScan.ts, MIN_BYTES_FOR_CLI_WORKERS).
  const sourceBytes = totalBytesUpTo(files, Math.max(BASELINE_WASM_MAX_BYTES, MIN_BYTES_FOR_CLI_WORKERS));
  if (sourceBytes < BASELINE_WASM_MAX_BYTES) preferBaselineWasm();

  let fixFailed = false;
  if (values.fix || values['unsafe-fixes']) {
    // Fix first, then scan: the report shows what is left. The summary keeps stdout parseable for JSON/SARIF.
    const fixed = await fixFiles(files, configFor, { unsafe: !!values['unsafe-fixes'] }, (f) => discovery.rootOf.get(f));
    for (const r of fixed) {
      if (!r.problem) continue;
      fixFailed = true;
      io.stderr.write(`mlsec: ${shownPath(r.file, io.cwd)}: not fixed: ${escapeControl(r.problem)}\n`);
    }
    (!isMachineReadable(format) || values.output ? io.stdout : io.stderr).write(formatFixSummary(fixed, io.cwd));
  }

  const progress = new Progress(io.stderr as NodeJS.WriteStream, !values.quiet && !!io.stderr.isTTY);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs wants a whole number ≥ 1, not '${values.jobs}'`);
  // The cache lives in a per-user folder, one file per project: never in the scanned repository (cache.ts).
  const cacheBase = userCacheBase(io.env, values['cache-dir'], io.cwd);
  const cache = values['no-cache'] ? undefined : ScanCache.open(projectCacheDir(cacheBase, cacheProjectRoot(roots[0], io.cwd, resolver)), undefined, cacheBase);
  if (cache?.openProblem) io.stderr.write(`mlsec: warning: ${escapeControl(cache.openProblem)}\n`);
  let results: FileResult[] = await scanProject(files, {
    cache,
    threads: jobs ?? (sourceBytes < MIN_BYTES_FOR_CLI_WORKERS ? 1 : undefined),
    configFor,
    onFile: (r, done, total) => {
      if (r.skipped) io.stderr.write(`${progress.clearLine()}mlsec: ${shownPath(r.file, io.cwd)}: skipped: ${escapeControl(r.skipped)}\n`);
      for (const e of r.ruleErrors ?? []) io.stderr.write(`mlsec: ${shownPath(r.file, io.cwd)}: rule error: ${escapeControl(e.message)}\n`);
      progress.update(done, total);
    },
  });
  if (modelFiles.length > 0) {
    const verdicts = new ModelVerdicts();
    const modelResults = await scanModelFiles(modelFiles, {
      configFor,
      verdicts,
      projectFor: (file) => resolver.projectFor(path.resolve(io.cwd, file)),
      onFile: (_r, done, total) => progress.update(done, total),
    });
    // Loading calls with a literal path say what the file they load holds.
    const lookup = { verdicts, roots: [io.cwd] };
    results = results.map((r) => ({ ...r, findings: r.findings.map((f) => annotateLoadFinding(f, path.resolve(io.cwd, r.file), lookup)) }));
    results = [...results, ...modelResults].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
  progress.finish();
  const cacheProblem = cache?.save();
  if (cacheProblem) io.stderr.write(`mlsec: warning: ${escapeControl(cacheProblem)}\n`);
  for (const n of discovery.notAnalysed) io.stderr.write(`mlsec: ${shownPath(n.path, io.cwd)}: skipped: ${escapeControl(n.reason)}\n`);
  // Every file that was not analysed becomes an ML900 finding (fail closed), unless ML900 is ignored.
  results = withNotAnalysed(results, discovery.notAnalysed, configFor);

  // Below a threshold a finding is not reported at all (as in Bandit), nor written to a baseline.
  results = applyThresholds(results, thresholds);
  try {
    results = applyBaselineOptions(results, {
      baseline: values.baseline && path.resolve(io.cwd, values.baseline),
      writeBaseline: values['write-baseline'] && path.resolve(io.cwd, values['write-baseline']),
      projectBaseline: (file) => resolver.projectFor(file).baseline,
      note: (message) => io.stderr.write(`mlsec: ${message}\n`),
    });
  } catch (error) {
    if (error instanceof BaselineError) {
      io.stderr.write(`mlsec: ${escapeControl(error.message)}\n`);
      return 2;
    }
    throw error;
  }

  const enabledSomewhere = configsUsed.size > 0 ? [...configsUsed] : [{ ...defaultConfig(), ...overrides }];
  const rules = ALL_RULES.filter((r) => enabledSomewhere.some((c) => isCodeEnabled(r.code, c)));
  const color = format === 'text' && !values['no-color'] && !values.output && !!io.stdout.isTTY && !io.env.NO_COLOR;
  const report = renderReport(format, results, { rules, cwd: io.cwd, version: VERSION, color, statistics: values.statistics });
  if (values.output) {
    // Relative to the scan's folder; missing parent folders are made (CI writes reports into fresh
    // folders). Through a temp file and a rename: a link committed under that name is replaced.
    const outFile = path.resolve(io.cwd, values.output);
    try {
      fs.mkdirSync(path.dirname(outFile), { recursive: true });
      writeFileViaRename(outFile, report);
    } catch (e) {
      io.stderr.write(`mlsec: cannot write ${escapeControl(values.output)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout.write(report);
  }
  if (values['write-baseline']) return 0; // every finding is now in the baseline
  if (fixFailed) return 2;
  const active = results.reduce((n, r) => n + r.findings.filter((f) => !f.suppressedBy).length, 0);
  return active > 0 && !values['exit-zero'] ? 1 : 0;
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`mlsec: internal error: ${e}\n`);
      process.exitCode = 2;
    },
  );
}

/** The bytes of `files` in all, counted up to `cap` (then `cap`; a file that cannot be read counts 0). */
function totalBytesUpTo(files: string[], cap: number): number {
  let total = 0;
  for (const f of files) {
    try {
      total += fs.statSync(f).size;
    } catch {
      /* unreadable: the scan reports it */
    }
    if (total >= cap) return cap;
  }
  return total;
}
