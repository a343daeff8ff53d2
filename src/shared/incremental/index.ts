export {
  IncrementalValidator,
  validateInCanonicalOrder,
  type IncrementalValidateOptions,
} from './incremental-validator';
export { DiagnosticGroups, diagnosticSignature, type DiagnosticsDelta, type KeyedDiagnostic } from './keyed';
export { compareDiagnostics, inCanonicalOrder } from './order';
export { applyDelta, mergeDeltas } from './delta';
