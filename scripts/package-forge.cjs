// Packages the Forge app the way `forge deploy` does — @forge/bundler's own Node bundler
// (webpack + ts-loader over this app's tsconfig.json) — then loads the bundle and checks that
// every handler manifest.yml names is a function of it, and calls one resolver through it.
//
//   node scripts/package-forge.cjs <folder where @forge/bundler is installed>
//
// The bundler is not a dependency of the app: it comes with the Forge CLI, which every user's
// `npm ci` should not pull in. CI installs it apart (.ci/run). CommonJS on purpose: the bundler
// refuses to run without `require.main`.
'use strict';
const { mkdirSync, mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const appDirectory = path.resolve(__dirname, '..');
const home = process.argv[2];
if (!home) {
  console.error('usage: node scripts/package-forge.cjs <folder where @forge/bundler is installed>');
  process.exit(2);
}
const bundlerEntry = require.resolve('@forge/bundler', { paths: [path.resolve(home)] });
const bundler = require(bundlerEntry);
const shared = require(require.resolve('@forge/cli-shared', { paths: [path.dirname(bundlerEntry)] }));

const logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace() {},
  debug() {},
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (error) => console.error(error instanceof Error ? error.message : String(error)),
};

/**
 * `forge deploy` adds Atlassian's runtime wrapper, which it downloads; the bundle of our code
 * does not depend on it, so a local stand-in keeps this run offline.
 */
function offlineRuntime() {
  const dir = mkdtempSync(path.join(tmpdir(), 'forge-runtime-'));
  mkdirSync(path.join(dir, 'dist'));
  for (const name of ['wrapper', 'loader'])
    writeFileSync(path.join(dir, 'dist', `${name}.js`), '// offline stand-in\n');
  return new bundler.LocalWrapperProvider(new shared.FileSystemReader(), dir);
}

async function main() {
  process.chdir(appDirectory);
  const config = new shared.ConfigFile(new shared.FileSystemReader(), new shared.FileSystemWriter());
  const handlers = await config.getAppHandlers();
  const entryPoints = bundler.getEntryPoints(handlers);
  const started = Date.now();
  const output = await bundler.getNodeBundler(logger, offlineRuntime(), config).bundle({ appDirectory, entryPoints });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`packaged ${entryPoints.length} entry point(s) in ${seconds} s into ${output.outputDir}`);

  const missing = [];
  for (const { module, func } of handlers) {
    const exported = require(path.join(output.outputDir, `${module}.cjs`))[func];
    if (typeof exported !== 'function') missing.push(`${module}.${func}`);
    else console.log(`handler ${module}.${func}: a function of the bundle`);
  }
  if (missing.length) throw new Error(`manifest.yml names handlers the bundle does not export: ${missing.join(', ')}`);

  // One resolver call through the bundled code: a payload the resolver must refuse before it
  // asks Jira anything, so no Forge runtime is needed to answer it.
  const resolverHandler = handlers.find((h) => h.func === 'resolver');
  if (!resolverHandler) throw new Error('manifest.yml has no resolver function');
  const resolver = require(path.join(output.outputDir, `${resolverHandler.module}.cjs`)).resolver;
  const answer = await resolver(
    {
      call: { functionKey: 'saveRecord', payload: { text: 42 } },
      context: { siteUrl: 'https://example.atlassian.net', extension: { project: { key: 'DEL' } } },
    },
    { principal: { accountId: 'packaging-check' }, installContext: 'ari:cloud:jira::site/0' },
  );
  console.log(`resolver saveRecord through the bundle answered ${JSON.stringify(answer)}`);
  if (!answer || answer.ok !== false || answer.error?.code !== 'BAD_REQUEST' || answer.error.path !== 'text') {
    throw new Error('the bundled resolver did not answer with a refusal value');
  }
}

main().catch((error) => {
  console.error(`packaging failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
