/**
 * Imports run one way (docs/architecture.md, "Layers"): core ← engine ← stages ← publish ← apps.
 * A layer may import its own layer and the layers below it; never one above. The tools (demo
 * generator, benchmarks) import the product; the product imports no tool (only the `demo` command).
 * Run with `npm run deps` (part of `npm test`).
 */
const layers = [
  ['core', '^src/(core/|errors[.]ts$|i18n[.]ts$)'],
  ['engine', '^src/(engine|store)/'],
  ['stages', '^src/(ingest|costing|trajectories|analysis|config|catalogue|ids|model|overview|cluster)/'],
  ['publish', '^src/(suppression|labels|publish|federation|decisions)/'],
  ['apps', '^src/(report|serve|cli)/'],
];
const tools = '^src/(demo|bench)/|^src/[^/]+/bench[.]ts$|^tools/';

// The one exception: the marts declare their suppression settings with the suppression module's types
// (a type-only import, nothing loaded at run time) until those declaration types move to core.
const typeOnlyException = { from: '^src/analysis/marts[.]ts$', to: '^src/suppression/index[.]ts$' };

const upward = layers.slice(0, -1).map(([name, path], i) => ({
  name: `${name}-imports-no-layer-above`,
  comment: `${name} may import only ${layers
    .slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')}`,
  severity: 'error',
  from: { path, pathNot: `${tools}|${typeOnlyException.from}` },
  to: {
    path: layers
      .slice(i + 1)
      .map(([, p]) => p)
      .join('|'),
    pathNot: tools,
  },
}));
upward.push({
  name: 'marts-import-suppression-types-only',
  comment: 'the marts may name the types of their suppression settings, and import nothing else from above',
  severity: 'error',
  from: { path: typeOnlyException.from },
  to: {
    path: layers
      .slice(3)
      .map(([, p]) => p)
      .join('|'),
    dependencyTypesNot: ['type-only'],
  },
});
upward.push({
  name: 'marts-import-no-other-module-above',
  severity: 'error',
  from: { path: typeOnlyException.from },
  to: {
    path: layers
      .slice(3)
      .map(([, p]) => p)
      .join('|'),
    pathNot: typeOnlyException.to,
  },
});

// cycles between layers are upward imports too; named on their own so a report says "cycle"
const cycles = layers.map(([name, path]) => ({
  name: `no-cycle-leaving-${name}`,
  severity: 'error',
  from: { path, pathNot: tools },
  to: { circular: true, via: { pathNot: `${path}|${tools}` } },
}));

export default {
  forbidden: [
    ...upward,
    ...cycles,
    {
      name: 'apps-import-no-other-app',
      comment: 'report, serve and cli share code through publish or below; only the CLI wires them together',
      severity: 'error',
      from: { path: '^src/(report|serve)/', pathNot: tools },
      to: { path: '^src/(report|serve|cli)/', pathNot: '$1' },
    },
    {
      name: 'product-imports-no-tool',
      comment:
        'the demo generator and the benchmarks are tools over the product; only the demo command loads the generator',
      severity: 'error',
      from: { path: '^src/', pathNot: `${tools}|^src/cli/commands/demo[.]ts$` },
      to: { path: tools },
    },
    {
      name: 'one-publish-path-suppress',
      comment:
        'tables reach a person only through src/publish (read → suppress → format): nothing else loads the suppression function (types may be named)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(publish|suppression)/' },
      to: { path: '^src/suppression/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'one-publish-path-read',
      comment: 'the mart and warehouse readers are private to src/publish, which suppresses what they read',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/publish/' },
      to: { path: '^src/publish/read[.]ts$' },
    },
    {
      name: 'analysis-imports-no-operational-store',
      comment:
        'planning (the analysis warehouse) and case handling (the operational store) are different purposes: the analysis stages never reach the store, the overview or the cluster economy',
      severity: 'error',
      from: { path: '^src/(ingest|costing|trajectories|analysis|model)/' },
      to: { path: '^src/(store|overview|cluster)/' },
    },
    {
      name: 'case-store-imports-no-warehouse',
      comment: 'the overview and the cluster economy never reach the analysis warehouse or its stages',
      severity: 'error',
      from: { path: '^src/(overview|cluster)/' },
      to: { path: '^src/(engine/duckdb[.]ts$|model/|analysis/|ingest/)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a stage that names a CLI type still depends on the CLI
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
