/**
 * Words that fill Pegasus files: the format's keys and its most common values. Reading them
 * through {@link internSlice} returns these literals instead of a fresh copy of each
 * occurrence, which saves most of the reader's string allocations (and garbage collection)
 * on large files.
 */
const WORDS = [
  // keys
  'pegasus', 'name', 'version', 'jobs', 'jobDependencies', 'siteCatalog', 'replicaCatalog', 'transformationCatalog',
  'profiles', 'hooks', 'metadata', 'type', 'namespace', 'id', 'file', 'nodeLabel', 'arguments', 'uses', 'stdin',
  'stdout', 'stderr', 'lfn', 'stageOut', 'registerReplica', 'optional', 'size', 'bypass', 'forPlanning', 'executable',
  'children', 'sites', 'replicas', 'transformations', 'containers', 'pfns', 'site', 'pfn', 'regex', 'checksum', 'sha256',
  'requires', 'arch', 'os.type', 'os.release', 'os.version', 'container', 'image', 'image.site', 'mounts', 'directories',
  'grids', 'path', 'sharedFileSystem', 'fileServers', 'url', 'operation', 'contact', 'scheduler', 'jobtype', 'shell',
  '_on', 'cmd', 'condor', 'dagman', 'env', 'globus', 'selector', 'hints', 'stat', 'cores', 'runtime', 'memory',
  'x-pegasus', 'apiLang', 'createdBy', 'createdOn',
  // values
  'job', 'pegasusWorkflow', 'condorWorkflow', 'input', 'output', 'checkpoint', 'installed', 'stageable', 'all',
  'local', 'condorpool', 'x86_64', 'linux', 'sharedScratch', 'localStorage', 'singularity', 'docker', 'python',
  '-i', '-o', '-a', '-T', '-n',
];

const BY_LENGTH: string[][] = [];
for (const word of WORDS) (BY_LENGTH[word.length] ??= []).push(word);

/** `text.slice(start, end)`, as a shared literal when it is one of the common words. */
export function internSlice(text: string, start: number, end: number): string {
  const candidates = BY_LENGTH[end - start];
  if (candidates !== undefined) {
    for (const word of candidates) if (text.startsWith(word, start)) return word;
  }
  return text.slice(start, end);
}
