/** A modal for the authoring dialogs (sweep, script, DAG file): the app's modal with its own close. */
import type { ReactNode } from 'react';
import { Modal } from '../Modal';

export function AuthoringModal({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal title={title} testId={testId} onClose={onClose}>
      {children}
    </Modal>
  );
}
