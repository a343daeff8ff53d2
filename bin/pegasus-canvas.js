#!/usr/bin/env node
// The `pegasus-canvas` command: the bundled CLI (built by `npm run build`).
import('../out/main/cli.mjs').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('pegasus-canvas: the CLI is not built yet; run `npm run build` (or use `npm run cli -- ARGS`).');
    process.exit(2);
  }
  throw error;
});
