// Bundles the Node side (CLI, browser mode, Electron main and preload) with esbuild.
// npm packages stay external: they are installed beside the app.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, packages: 'external', logLevel: 'warning' };
const entries = [
  { entryPoints: ['src/main/cli.ts'], outfile: 'out/main/cli.mjs', format: 'esm' },
  { entryPoints: ['src/main/web.ts'], outfile: 'out/main/web.mjs', format: 'esm' },
  { entryPoints: ['src/main/electron/main.ts'], outfile: 'out/main/electron/main.cjs', format: 'cjs' },
  { entryPoints: ['src/main/electron/preload.ts'], outfile: 'out/main/electron/preload.cjs', format: 'cjs' },
];
for (const entry of entries) {
  if (!existsSync(entry.entryPoints[0])) continue;
  await build({ ...common, ...entry });
}
