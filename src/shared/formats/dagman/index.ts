export { writeDag, DEFAULT_MAXJOBS, isPegasusLite } from './dag-writer';
export { writeSubmitFile } from './sub-writer';
export { transferListFile } from './transfer-lists';
export { readDag, type DagFile, type DagNode } from './dag-reader';
export { jobDirectory, JOBS_PER_DIRECTORY } from './layout';
export { dagmanContext, basename, usesMySyntax, NIL_UUID, type DagmanContext, type DagmanOptions } from './context';
export { submitDirectoryFiles, type SubmitFile } from './submit-directory';
