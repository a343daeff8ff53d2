import { type ReactNode, useEffect, useRef } from 'react';
import { openDialog } from '../store/ui-store';

/** An in-page modal dialog: focus moves in on open, Escape closes. */
export function Modal({ title, children, testId, onClose }: { title: string; children: ReactNode; testId: string; onClose?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('[autofocus], input, button, [tabindex="0"]');
    first?.focus();
  }, []);
  const close = onClose ?? (() => openDialog(null));
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        ref={ref}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
