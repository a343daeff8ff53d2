/** Connects the session store to the main process: first state, then every event. */
import { getApi } from '../api/get-api';
import { applyEvent, sessionStore, setRuns } from './session';

/** Loads profiles and runs and listens to events; returns the unsubscribe function. */
export function startSession(): () => void {
  const api = getApi();
  const stop = api.onEvent(applyEvent);
  void api.remoteProfiles().then((result) => {
    if (!result.ok) return;
    const { profiles, secrets, connection, prompts } = result.value;
    // Questions asked before this page listened come first; ones already received are kept once.
    sessionStore.setState((s) => ({ profiles, secrets, connection, prompts: [...prompts, ...s.prompts.filter((p) => !prompts.some((q) => q.id === p.id))] }));
  });
  void api.runList().then((result) => {
    if (result.ok) setRuns(result.value);
  });
  return stop;
}
