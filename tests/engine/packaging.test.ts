import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AppInfo } from 'app-builder-lib/out/appInfo.js';
import FpmTargetModule from 'app-builder-lib/out/targets/FpmTarget.js';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger, TmpDir } from 'builder-util';

/*
 * The packaging configuration as electron-builder itself resolves it (its own config loader,
 * schema validation, file matcher and deb target), without downloading Electron or building:
 * fuses, asar unpack globs, the files that ship, deb metadata, dependencies and AppArmor profile.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = await getConfig(repo, null, null);
const packageJson = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const tempDirs = new TmpDir('custodia-packaging-test');
after(() => tempDirs.cleanup());

test('electron-builder is pinned and accepts the configuration', async () => {
  assert.match(packageJson.devDependencies['electron-builder'], /^\d+\.\d+\.\d+$/, 'an exact version, not a range or npx');
  const installed = createRequire(import.meta.url)('electron-builder/package.json').version;
  assert.equal(installed, packageJson.devDependencies['electron-builder']);
  await validateConfiguration(config, new DebugLogger(false));
});

test('fuses: no run-as-node, no NODE_OPTIONS, no inspector, code only from an integrity-checked app.asar', () => {
  assert.equal(config.asar, true);
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  });
  // Electron never checks unpacked files: only native code (which cannot load from an archive) is outside.
  assert.deepEqual(config.asarUnpack, ['**/*.node']);
});

/** Every file under `dir` (node_modules and dot folders left out: electron-builder adds production dependencies itself). */
function walk(dir: string, found: Array<{ file: string; stat: Stats }> = []): Array<{ file: string; stat: Stats }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name);
    const stat = statSync(file);
    found.push({ file, stat });
    if (stat.isDirectory()) walk(file, found);
  }
  return found;
}

test('the package holds what runs: the bundles and the renderer, no sources, maps or bin/', () => {
  const files = config.files as Array<{ filter: string[] }>;
  const matcher = new FileMatcher(repo, '/app', (pattern: string) => pattern, files[0]!.filter);
  const accepts = matcher.createFilter();
  const fake = (relative: string, isDirectory = false) =>
    accepts(path.join(repo, relative), { isDirectory: () => isDirectory, isFile: () => !isDirectory } as Stats);
  for (const shipped of [
    'out/main/index.cjs',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/renderer/assets/index-abc.js',
    'package.json',
  ])
    assert.equal(fake(shipped), true, `${shipped} ships`);
  for (const left of [
    'out/main/index.cjs.map',
    'out/renderer/assets/index-abc.js.map',
    'bin/custodia.js',
    'electron/archive/archive.ts',
    'electron/main/index.ts',
    'shared/contract.ts',
    'tests/engine/packaging.test.ts',
    'scripts/build-electron.js',
    'docs/security.md',
  ])
    assert.equal(fake(left), false, `${left} stays out`);
  // And over the real checkout: nothing outside out/ and package.json, nothing that is TS or a map.
  const shipped = walk(repo)
    .filter(({ file, stat }) => stat.isFile() && accepts(file, stat))
    .map(({ file }) => path.relative(repo, file).split(path.sep).join('/'));
  for (const file of shipped) assert.match(file, /^(out\/(main|preload|renderer)\/|package\.json$)/, file);
  assert.ok(!shipped.some((file) => /\.(map|ts|tsx)$/.test(file)), shipped.filter((file) => /\.(map|ts|tsx)$/.test(file)).join(', '));
});

test('icons for every platform come from the generated set', () => {
  assert.equal(config.directories?.buildResources, 'build');
  assert.equal(config.linux?.icon, 'build/icons');
  assert.equal(config.mac?.icon, 'build/icons/icon.icns');
  assert.equal(config.win?.icon, 'build/icons/icon.ico');
  assert.equal(packageJson.scripts.icons, 'node scripts/make-icons.ts');
  assert.match(packageJson.scripts.package, /npm run icons && electron-builder$/);
});

test('the deb: maintainer and homepage, glibc minimum, AppArmor profile, as electron-builder renders them', async () => {
  assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
  assert.equal(config.win?.target, 'nsis');
  assert.equal(config.mac?.target, 'dmg');
  assert.equal(config.mac?.hardenedRuntime, true);
  const depends = config.deb?.depends as string[];
  assert.ok(depends.includes('libc6 (>= 2.34)'), 'glibc 2.34 for the native prebuilds');
  assert.ok(depends.includes('libstdc++6 (>= 11)'), 'GLIBCXX_3.4.29');
  assert.ok(depends.includes('libnss3') && depends.includes('libgtk-3-0'), "Electron's own dependencies are kept");

  const info = {
    metadata: packageJson,
    devMetadata: packageJson,
    config,
    tempDirManager: tempDirs,
    framework: { name: 'electron', version: packageJson.devDependencies.electron },
    projectDir: repo,
    repositoryInfo: Promise.resolve(null),
  };
  const packager = { info, config, platformSpecificBuildOptions: config.linux, executableName: 'custodia', projectDir: repo } as Record<
    string,
    unknown
  >;
  packager.appInfo = new AppInfo(info as never, null, config.linux as never);
  const deb = new FpmTargetModule.default('deb', packager as never, {} as never, path.join(repo, 'dist'));
  // The check that failed before: a deb needs an author e-mail and a homepage.
  const meta = await deb.checkOptions();
  assert.match(meta.maintainer, /^.+ <[^@\s]+@[^@\s]+>$/);
  assert.match(meta.url, /^https:\/\//);
  const scripts = await (deb as unknown as { scriptFiles: Promise<{ appArmor: string; afterInstall: string }> }).scriptFiles;
  const profile = readFileSync(scripts.appArmor, 'utf8');
  assert.match(profile, /^profile custodia "\/opt\/Custodia\/custodia" flags=\(unconfined\) \{\n {2}userns,$/m);
  assert.match(readFileSync(scripts.afterInstall, 'utf8'), /apparmor_parser --replace/, 'the after-install script loads the profile');
});

test('electron-builder installs from the registry without running download scripts', () => {
  // npm 11 runs install scripts only for packages approved here; electron-winstaller's picks a 7-Zip
  // binary for Squirrel.Windows, a target Custodia does not build.
  assert.equal(packageJson.allowScripts['electron-winstaller'], false);
  assert.equal(packageJson.allowScripts.electron, undefined, "Electron's own download stays off at install time");
});
