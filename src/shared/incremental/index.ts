export { IncrementalValidator, type IncrementalValidateOptions } from './incremental-validator';
export { diagnosticSignature, type DiagnosticsDelta, type KeyedDiagnostic } from './keyed';
export { compareDiagnostics, inCanonicalOrder } from './order';
export { applyDelta, mergeDeltas } from './delta';
