// The commands that work with runs on a remote Pegasus host, registered together in commands.ts.
export { submitCommand } from './submit';
export { statusCommand } from './status';
export { analyzeCommand } from './analyze';
export { removeCommand } from './remove';
export { rerunCommand } from './rerun';
export { fetchCommand } from './fetch';
