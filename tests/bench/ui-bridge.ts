// The bridge for the UI benchmark in a process of its own, as the app's engine runs apart from its
// window: the benchmark's own work (building the vault, driving Chromium) does not slow its answers.
// Run: node tests/bench/ui-bridge.ts VAULT RENDERER_DIR  → prints {"url","token","port"} on one line.
import { startBridge } from '../../electron/serve/server.ts';

const [vaultDir, rendererDir] = process.argv.slice(2);
if (!vaultDir || !rendererDir) throw new Error('usage: ui-bridge.ts VAULT RENDERER_DIR');
const bridge = await startBridge({ vaultDir, rendererDir, port: 0 });
process.stdout.write(`${JSON.stringify({ url: bridge.url, token: bridge.token, port: bridge.port })}\n`);
const stop = () => void bridge.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
