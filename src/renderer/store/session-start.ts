/** Connects the session store to the main process: first state, then every event. */
import { getApi } from '../api/get-api';
import { applyEvent, sessionStore, setRuns } from './session';

/** Loads profiles and runs and listens to events; returns the unsubscribe function. */
export function startSession(): () => void {
  const api = getApi();
  const stop = api.onEvent(applyEvent);
  void api.remoteProfiles().then((result) => {
    if (result.ok) sessionStore.setState({ profiles: result.value.profiles, secrets: result.value.secrets, connection: result.value.connection });
  });
  void api.runList().then((result) => {
    if (result.ok) setRuns(result.value);
  });
  return stop;
}
