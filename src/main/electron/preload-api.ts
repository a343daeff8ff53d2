import { APP_COMMANDS, CHANNEL_NAMES, methodName, type AppCommand } from '../../shared/ipc-channels';
import { isAppEvent, type AppEvent } from '../../shared/ipc-events';

/** What the preload needs from `ipcRenderer`, as parameters (so a unit test can build the API). */
export interface PreloadBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Sends a request frame (`shared/ipc-frame.ts`: save and autosave of large documents) as one ArrayBuffer. */
  invokeFrame?(frame: ArrayBuffer): Promise<unknown>;
  /** Subscribes to main → renderer commands; the listener gets the payload only, never the event. */
  onCommand(listener: (payload: unknown) => void): () => void;
  /** Subscribes to main → renderer events ({@link AppEvent}); payload only, never the IPC event. */
  onEvent(listener: (payload: unknown) => void): () => void;
}

/**
 * The object exposed as `window.api`: one function per channel of the contract and the
 * command and event subscriptions, nothing else (no `ipcRenderer`, no `process`, no channel argument
 * the page could choose). Each function passes one request object to its own channel.
 */
export function buildPreloadApi(bridge: PreloadBridge): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    api[methodName(channel)] = (request?: unknown) => bridge.invoke(channel, request ?? {});
  }
  const { invokeFrame } = bridge;
  if (invokeFrame) {
    // Only an ArrayBuffer crosses: the main process reads the channel from the frame and validates the request.
    api.invokeFrame = (frame: unknown) => {
      if (!(frame instanceof ArrayBuffer)) throw new TypeError('invokeFrame needs an ArrayBuffer');
      return invokeFrame(frame);
    };
  }
  api.onCommand = (listener: (command: AppCommand) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onCommand needs a function');
    return bridge.onCommand((payload) => {
      if ((APP_COMMANDS as readonly unknown[]).includes(payload)) listener(payload as AppCommand);
    });
  };
  api.onEvent = (listener: (event: AppEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    return bridge.onEvent((payload) => {
      if (isAppEvent(payload)) listener(payload);
    });
  };
  return Object.freeze(api);
}
