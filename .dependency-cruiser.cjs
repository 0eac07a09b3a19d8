// The layers of mlsec, bottom to top, checked by dependency-cruiser in `npm test` (npm run lint:deps).
// A module may import from its own layer and the layers below it, never from a layer above. Most
// layers are folders of server/src; where a folder holds a lower piece (the value types, the bounded
// file reads, the edit builders, the rule API), that file is named in the lower layer and left out of
// its folder's pattern, so every file is in exactly one layer (test/unit/layers.test.ts checks that).
// CONTRIBUTING.md shows the same map; keep both in step.
'use strict';

const S = '^server/src/';

/** Bottom to top. Patterns do not overlap. */
const LAYERS = [
  {
    name: 'base',
    why: 'the protocol names shared with the client and the version: no imports of the project',
    paths: [`${S}(protocol|version)\\.ts$`],
  },
  {
    name: 'text',
    why: 'positions, line indexes, text spans, finding/edit value types, bounded file reads (bytes to text)',
    paths: [`${S}analysis/(lineIndex|textSearch|types|spans)\\.ts$`, `${S}workspace/(safeRead|safeWrite|readSource)\\.ts$`],
  },
  {
    name: 'parser',
    why: 'the only place that loads the grammar and makes trees',
    paths: [`${S}analysis/parser\\.ts$`],
  },
  {
    name: 'analysis',
    why:
      'scope, static values, the walk and the engine, given rules through the rule API (rules/rule.ts, ' +
      'rules/prefilter.ts) and the settings value (config/analysisConfig.ts, profiles.ts, banditTests.ts); ' +
      'the edit builders rules use (fixes/edits, imports, removeArgument); models/: the model-file byte ' +
      'analysis, which like the Python analysis reads no settings files and knows no rule registry',
    paths: [
      `${S}analysis/(?!(lineIndex|textSearch|types|spans|parser)\\.ts$)`,
      `${S}rules/(rule|prefilter)\\.ts$`,
      `${S}config/(analysisConfig|profiles|banditTests)\\.ts$`,
      `${S}fixes/(edits|imports|removeArgument)\\.ts$`,
      `${S}models/(?!(scanModels|loadTarget)\\.ts$)`,
    ],
  },
  {
    name: 'rules',
    why: 'one file per rule and their shared helpers; never the registry',
    paths: [`${S}rules/(?!(index|rule|prefilter)\\.ts$)`],
  },
  {
    name: 'suppressions',
    why: '# nosec / # noqa parsing and the hygiene findings; handed the rule catalog',
    paths: [`${S}suppressions/`],
  },
  {
    name: 'fixes',
    why: 'merging and applying fixes, the syntax guard, suppression-comment edits',
    paths: [`${S}fixes/(?!(edits|imports|removeArgument)\\.ts$)`],
  },
  {
    name: 'registry',
    why: 'the list of every rule: composed here and handed down, never imported from below',
    paths: [`${S}rules/index\\.ts$`],
  },
  {
    name: 'check',
    why: "a file's findings composed: the engine handed the registry's rules, the suppression pass, ML900 " + '(check/source.ts), the editor document store and its re-analysis, the --fix loop',
    paths: [`${S}check/`],
  },
  {
    name: 'config-workspace',
    why:
      'settings files, discovery, the scan, its cache and workers; notebook/: .ipynb files read, analysed ' +
      'and fixed through the engine, like the scanner does for .py files; models/scanModels and loadTarget: ' +
      'which model files to scan under which settings',
    paths: [`${S}config/(?!(analysisConfig|profiles|banditTests)\\.ts$)`, `${S}workspace/(?!(safeRead|safeWrite|readSource)\\.ts$)`, `${S}notebook/`, `${S}models/(scanModels|loadTarget)\\.ts$`],
  },
  {
    name: 'lsp-cli',
    why: 'the two front ends: the language server session and the command line',
    paths: [`${S}(lsp|cli)/`],
  },
  {
    name: 'handlers',
    why: 'one file per LSP method, and server.ts, which wires them',
    paths: [`${S}handlers/`, `${S}server\\.ts$`],
  },
];

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}-not-up`,
  comment: `${layer.name} (${layer.why}) imports nothing from a higher layer: ${LAYERS.slice(i + 1)
    .map((l) => l.name)
    .join(', ')}`,
  severity: 'error',
  from: { path: layer.paths },
  to: { path: LAYERS.slice(i + 1).flatMap((l) => l.paths) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'No import cycles: each layer, and each folder within it, reads one way.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'front-ends-apart',
      comment: 'The CLI and the language server are two front ends over the same layers: neither imports the other.',
      severity: 'error',
      from: { path: `${S}cli/` },
      to: { path: `${S}lsp/` },
    },
    {
      name: 'front-ends-apart-lsp',
      comment: 'The CLI and the language server are two front ends over the same layers: neither imports the other.',
      severity: 'error',
      from: { path: `${S}lsp/` },
      to: { path: `${S}cli/` },
    },
    {
      name: 'client-only-protocol',
      comment: 'The VS Code client shares only the protocol names with the server; everything else goes over LSP.',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: `${S}(?!protocol\\.ts$)` },
    },
    {
      name: 'every-file-in-a-layer',
      comment: 'A new folder of server/src gets its layer here (and in CONTRIBUTING.md) before it holds code.',
      severity: 'error',
      from: { path: S, pathNot: LAYERS.flatMap((l) => l.paths) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.d\\.ts$'] },
    // Type-only imports count: a type from a higher layer couples the code as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

// For test/unit/layers.test.ts (dependency-cruiser reads only the keys it knows, so this one is not enumerable).
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
