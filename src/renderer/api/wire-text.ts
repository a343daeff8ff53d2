/**
 * The JSON text a large reply arrived as, kept beside the object parsed from it, so that a
 * worker which needs its own copy of that object (the validation worker, for a workflow of
 * 10^5 jobs) can be sent the text, one flat string copied at memory speed, and parse it on
 * its own thread, instead of a structured clone of a million objects on the page's thread.
 * Only browser mode has the text (Electron's IPC hands over objects); callers fall back to
 * sending the object.
 */

/** Where the object sits in the parsed text: keys from the root. */
export type WirePath = readonly string[];

export interface WireText {
  text: string;
  path: WirePath;
}

const texts = new WeakMap<object, WireText>();

/** Remembers that `value` is what `text` parses to at `path`. */
export function rememberWireText(value: object, text: string, path: WirePath): void {
  texts.set(value, { text, path });
}

/**
 * The text `value` was parsed from, once: the entry is dropped as it is handed out, so the
 * string (tens of MB) lives no longer than needed.
 */
export function takeWireText(value: object): WireText | undefined {
  const entry = texts.get(value);
  texts.delete(value);
  return entry;
}

/** Parses `text` and returns what sits at `path` (`undefined` when the path is not there). */
export function parseAtPath(text: string, path: WirePath): unknown {
  let value: unknown = JSON.parse(text);
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
