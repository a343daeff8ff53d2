import { memo } from 'react';
import type { Badge } from '../node-types';

/** The diagnostics badge of a node: error count in red, else warning count in amber. */
export const DiagnosticsBadge = memo(function DiagnosticsBadge({ badge }: { badge: Badge | undefined }) {
  if (!badge || (badge.errors === 0 && badge.warnings === 0)) return null;
  const error = badge.errors > 0;
  const count = error ? badge.errors : badge.warnings;
  const label = `${count} ${error ? 'error' : 'warning'}${count === 1 ? '' : 's'}`;
  return (
    <span className={`node-badge ${error ? 'node-badge-error' : 'node-badge-warning'}`} title={label} aria-label={label} data-testid="node-badge">
      {error ? '!' : '⚠'} {count}
    </span>
  );
});
