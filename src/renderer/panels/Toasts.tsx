import { memo } from 'react';
import { useUi } from '../store/ui-store';

/** Short messages: results of commands and the reasons edits were refused. */
export const Toasts = memo(function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast" data-tone={t.tone}>
          {t.message}
        </div>
      ))}
    </div>
  );
});
