/**
 * The part of a message port this folder uses, typed so that it compiles against both the
 * DOM's ports (the page and its workers) and Node's (the unit tests run there).
 */
export interface PortLike {
  postMessage(value: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: Event & { data?: unknown }) => void): void;
  start(): void;
  close(): void;
}

/** Calls `listener` with the data of each message on `port` (and starts its delivery). */
export function onPortMessage<T>(port: PortLike, listener: (data: T) => void): void {
  port.addEventListener('message', (event) => listener(event.data as T));
  port.start();
}

/** Lets the page paint and take input; a message, not a timer, so a hidden tab is not slowed to one slice a second. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const port: PortLike = channel.port1;
    onPortMessage(port, () => {
      port.close();
      resolve();
    });
    channel.port2.postMessage(null);
  });
}
