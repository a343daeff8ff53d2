/**
 * The trail of workflows opened from sub-workflow jobs (parent › child › …), for the
 * breadcrumb. It is cleared when a document is opened some other way.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { documentStore } from '../../store/document-store';

export interface Crumb {
  path: string;
  name: string;
  /** The job in the parent that opened the next crumb. */
  viaJob?: string;
}

export const trailStore = createStore<{ trail: Crumb[] }>(() => ({ trail: [] }));

export function useTrail(): Crumb[] {
  return useStore(trailStore, (s) => s.trail);
}

/** Keeps the trail only while the document on show is its last crumb. */
export function startTrailFollowing(): () => void {
  return documentStore.subscribe((state, previous) => {
    if (state.loadCount === previous.loadCount) return;
    const trail = trailStore.getState().trail;
    const last = trail[trail.length - 1];
    if (trail.length > 0 && state.file?.path !== last?.path) trailStore.setState({ trail: [] });
  });
}
