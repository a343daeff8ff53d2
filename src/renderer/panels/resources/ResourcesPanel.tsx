/** The Resources tab: an HTCondor annex on ACCESS systems, and a Jetstream2 instance. */
import { AnnexPanel } from './AnnexPanel';
import { JetstreamPanel } from './JetstreamPanel';

export function ResourcesPanel() {
  return (
    <section className="remote-section" data-testid="resources-panel">
      <AnnexPanel />
      <JetstreamPanel />
    </section>
  );
}
