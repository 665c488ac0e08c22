import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

/**
 * * The packaging configuration, read as text (building needs the network): Electron's fuses are
 * flipped the safe way and every platform target is there. A small reader for the flat YAML used
 * here keeps a YAML library out of the project.
 */
const yaml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');

function section(name: string): Record<string, string> {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line === `${name}:`);
  assert.ok(start >= 0, `electron-builder.yml has no "${name}:" section`);
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}(\w+): (.+)$/.exec(line);
    if (!match) break;
    out[match[1]!] = match[2]!.trim();
  }
  return out;
}

test('the fuses: no run-as-node, no NODE_OPTIONS, no inspector, code only from an integrity-checked app.asar', () => {
  assert.match(yaml, /^asar: true$/m);
  assert.deepEqual(section('electronFuses'), {
    runAsNode: 'false',
    enableCookieEncryption: 'true',
    enableNodeOptionsEnvironmentVariable: 'false',
    enableNodeCliInspectArguments: 'false',
    enableEmbeddedAsarIntegrityValidation: 'true',
    onlyLoadAppFromAsar: 'true',
    loadBrowserProcessSpecificV8Snapshot: 'false',
    grantFileProtocolExtraPrivileges: 'false',
  });
});

test('targets: Linux AppImage and deb, Windows NSIS, macOS dmg with the hardened runtime', () => {
  assert.equal(section('linux').target, '[AppImage, deb]');
  assert.equal(section('win').target, 'nsis');
  assert.deepEqual(section('mac'), { target: 'dmg', hardenedRuntime: 'true' });
  assert.match(yaml, /^ {2}- from: resources\n {4}to: resources$/m, 'fonts, icons and the demo video ship as resources');
});
