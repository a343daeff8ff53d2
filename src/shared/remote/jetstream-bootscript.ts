import { parseDocument } from 'yaml';

/**
 * Inserts the ACCESS Pegasus `vm-conf` command into a Jetstream2 boot script copied from
 * Exosphere, by the rule of annex.md §8:
 *
 * 1. work on the cloud-config document: the whole text when it starts with `#cloud-config`,
 *    else the body of the `text/cloud-config` part of the MIME multipart document;
 * 2. if a top-level `bootcmd:` exists, append the command as its last item (replacing an
 *    earlier `vm-conf` item), never adding a second `bootcmd:` key (cloud-init's YAML loader
 *    would silently keep only one);
 * 3. else insert the `bootcmd:` block just before a top-level `runcmd:`;
 * 4. else append the block after the last line of the cloud-config body.
 *
 * Everything else (other MIME parts, `{placeholders}`, comments, line endings) is kept byte
 * for byte. Cost: linear in the text.
 */

export const VM_CONF = '/opt/ACCESS-Pegasus-Jetstream2/bin/vm-conf';

export type BootScriptFormat = 'cloud-config' | 'multipart';

export type BootScriptResult =
  | {
      ok: true;
      text: string;
      format: BootScriptFormat;
      /** What was done, for the user: "appended to the existing bootcmd", … */
      action: 'appended-to-bootcmd' | 'replaced-vm-conf' | 'inserted-before-runcmd' | 'appended-at-end';
    }
  | { ok: false; message: string };

const USERNAME = /^[A-Za-z0-9._-]+$/;

/** The token as `cat ~/.condor/pilot.token` prints it, trimmed; refused if YAML would mangle it. */
export function checkPilotToken(raw: string): { ok: true; token: string } | { ok: false; message: string } {
  const token = raw.trim();
  if (token === '') return { ok: false, message: 'The pilot token is empty: ~/.condor/pilot.token on the ACCESS Pegasus host has no token.' };
  if (/[\s#:'"]/.test(token)) {
    return {
      ok: false,
      message: 'The pilot token contains whitespace, "#", ":" or a quote, which an IDTOKEN never does; check ~/.condor/pilot.token on the ACCESS Pegasus host.',
    };
  }
  return { ok: true, token };
}

interface Region {
  /** Offset of the first character of the cloud-config document. */
  start: number;
  /** Offset just past its last non-blank line (before trailing blank lines and the boundary). */
  end: number;
  format: BootScriptFormat;
}

function findRegion(text: string): Region | string {
  if (/^#cloud-config\b/.test(text)) return { start: 0, end: text.length, format: 'cloud-config' };
  const contentType = /^Content-Type:\s*multipart\/mixed;\s*boundary="?([^"\r\n]+)"?/im.exec(text);
  if (!contentType) {
    return 'This is neither a cloud-config document (first line "#cloud-config") nor a MIME multipart boot script; paste the whole boot script from Exosphere.';
  }
  const boundary = `--${contentType[1]!.trim()}`;
  let searchFrom = 0;
  for (;;) {
    const partStart = text.indexOf(boundary, searchFrom);
    if (partStart < 0) break;
    const headersStart = text.indexOf('\n', partStart);
    if (headersStart < 0) break;
    const separator = /\r?\n\r?\n/g;
    separator.lastIndex = headersStart;
    const blank = separator.exec(text);
    if (!blank) break;
    const headers = text.slice(headersStart, blank.index);
    const bodyStart = blank.index + blank[0].length;
    const next = text.indexOf(boundary, bodyStart);
    const bodyEnd = next < 0 ? text.length : next;
    if (/^Content-Type:\s*text\/cloud-config/im.test(headers)) {
      return { start: bodyStart, end: bodyStart + text.slice(bodyStart, bodyEnd).replace(/\s+$/, '').length, format: 'multipart' };
    }
    searchFrom = bodyEnd;
    if (next < 0) break;
  }
  return 'The multipart boot script has no part with Content-Type: text/cloud-config; Exosphere\'s default has one. Paste the whole boot script.';
}

interface Line {
  start: number;
  /** End of the content, before the line ending. */
  end: number;
  text: string;
}

function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let position = from;
  while (position < to) {
    let newline = text.indexOf('\n', position);
    if (newline < 0 || newline >= to) newline = to;
    const end = newline > position && text[newline - 1] === '\r' ? newline - 1 : newline;
    lines.push({ start: position, end, text: text.slice(position, end) });
    position = newline + 1;
  }
  return lines;
}

const isContent = (line: Line) => line.text.trim() !== '' && !/^\s*#/.test(line.text);

/** Inserts `vm-conf USERNAME TOKEN` into the boot script; see the module comment for the rule. */
export function insertVmConf(script: string, username: string, rawToken: string): BootScriptResult {
  if (!USERNAME.test(username)) return { ok: false, message: `'${username}' is not an ACCESS username (letters, digits, ".", "_" and "-" only).` };
  const token = checkPilotToken(rawToken);
  if (!token.ok) return token;
  const region = findRegion(script);
  if (typeof region === 'string') return { ok: false, message: region };

  const eol = script.includes('\r\n') ? '\r\n' : '\n';
  const command = `${VM_CONF} ${username} ${token.token}`;
  const lines = linesOf(script, region.start, region.end);

  const bootcmdIndex = lines.findIndex((line) => /^bootcmd:/.test(line.text));
  let result: BootScriptResult;
  if (bootcmdIndex >= 0) {
    const header = lines[bootcmdIndex]!;
    const inline = header.text.slice('bootcmd:'.length).replace(/\s+#.*$/, '').trim();
    if (inline === '[]' || inline === '') {
      // Items are the following lines that are indented or start with "-", until the next top-level key.
      let last = bootcmdIndex;
      let itemIndent = '  ';
      let existing = -1;
      for (let i = bootcmdIndex + 1; i < lines.length; i++) {
        const line = lines[i]!;
        if (isContent(line) && !/^[\s-]/.test(line.text)) break;
        if (!isContent(line)) continue;
        last = i;
        const item = /^(\s*)-\s/.exec(line.text);
        if (item) {
          itemIndent = item[1]!;
          if (line.text.includes(VM_CONF)) existing = i;
        }
      }
      const itemLine = `${itemIndent}- ${command}`;
      if (existing >= 0) {
        const old = lines[existing]!;
        result = { ok: true, text: script.slice(0, old.start) + itemLine + script.slice(old.end), format: region.format, action: 'replaced-vm-conf' };
      } else if (inline === '[]') {
        const replaced = `bootcmd:${eol}  - ${command}`;
        result = { ok: true, text: script.slice(0, header.start) + replaced + script.slice(header.end), format: region.format, action: 'appended-to-bootcmd' };
      } else {
        const after = lines[last]!.end;
        result = { ok: true, text: script.slice(0, after) + eol + itemLine + script.slice(after), format: region.format, action: 'appended-to-bootcmd' };
      }
    } else {
      return {
        ok: false,
        message: `The boot script's bootcmd is written on one line (${header.text.trim()}); write its items one per line ("- command") and try again.`,
      };
    }
  } else {
    const block = `bootcmd:${eol}  - ${command}${eol}`;
    const runcmd = lines.find((line) => /^runcmd:/.test(line.text));
    if (runcmd) {
      result = { ok: true, text: script.slice(0, runcmd.start) + block + script.slice(runcmd.start), format: region.format, action: 'inserted-before-runcmd' };
    } else {
      const lastLine = [...lines].reverse().find((line) => line.text.trim() !== '');
      const after = lastLine ? lastLine.end : region.start;
      const endsWithNewline = script.slice(after, after + eol.length) === eol;
      const insertion = endsWithNewline ? eol + block.slice(0, -eol.length) : eol + block;
      result = { ok: true, text: script.slice(0, after) + insertion + script.slice(after), format: region.format, action: 'appended-at-end' };
    }
  }

  const check = checkCloudConfig(result.text, command);
  return check ?? result;
}

/**
 * Checks that the cloud-config document of a boot script parses, has one `bootcmd` key,
 * and lists `command` in it. Returns an error result, or undefined when all is well.
 */
export function checkCloudConfig(script: string, command: string): BootScriptResult | undefined {
  const region = findRegion(script);
  if (typeof region === 'string') return { ok: false, message: region };
  const body = script.slice(region.start, region.end);
  // Exosphere fills its `{placeholders}` at launch, mostly with whole YAML lines or nothing;
  // checked as empty, the document has the shape it will have.
  const document = parseDocument(body.replace(/\{[a-z0-9-]+\}/g, ''), { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return { ok: false, message: `The cloud-config part does not parse after the change: ${document.errors[0]!.message}` };
  }
  const value = document.toJS() as Record<string, unknown> | null;
  const bootcmd = value && typeof value === 'object' ? value.bootcmd : undefined;
  if (!Array.isArray(bootcmd) || !bootcmd.some((item) => item === command)) {
    return { ok: false, message: 'The cloud-config part has no bootcmd entry running vm-conf after the change.' };
  }
  return undefined;
}
