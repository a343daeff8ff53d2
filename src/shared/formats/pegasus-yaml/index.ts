export { readWorkflow, readSiteCatalog, readReplicaCatalog, readTransformationCatalog, type ReadOptions } from './read';
export { decodeWorkflowBytes } from './decode';
export { READ_CODES, type ReadCode } from './codes';
export { DEFAULT_MAX_SIZE } from './source';
export {
  writeWorkflow,
  writeWorkflowChunks,
  writeWorkflowByteChunks,
  writeSiteCatalog,
  writeReplicaCatalog,
  writeTransformationCatalog,
  type WriteFormat,
  type WriteOptions,
} from './write';
