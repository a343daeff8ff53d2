import type { Checksum } from '../../model/catalogs';
import { PROFILE_NAMESPACES, type HookEvent, type Hooks, type Metadata, type ProfileEntries, type ProfileNamespace, type Profiles, type ShellHook } from '../../model/profiles';
import { READ_CODES } from './codes';
import { expectList, expectMap, keepExtra, readEnum, readFields, readScalar, readString, setKey, type FieldReader, type ReadContext } from './read-context';
import type { TreeValue } from './tree';

const NAMESPACES: ReadonlySet<string> = new Set(PROFILE_NAMESPACES);

/**
 * `profiles:` — namespace → key → text or number. Every namespace of the model is read,
 * `stat` too (the API has it, the schema does not; validation reports it). An unknown
 * namespace is an error and kept in `extra`.
 */
function readProfiles(ctx: ReadContext, value: TreeValue): Profiles | undefined {
  const map = expectMap(ctx, value, 'profiles');
  if (!map) return undefined;
  const profiles: Profiles = {};
  for (const namespace in map) {
    const entries = map[namespace]!;
    ctx.path.push(namespace);
    if (NAMESPACES.has(namespace)) {
      const entryMap = expectMap(ctx, entries, `the ${namespace} profiles`);
      if (entryMap) {
        const out: ProfileEntries = {};
        for (const key in entryMap) {
    const raw = entryMap[key]!;
          ctx.path.push(key);
          const scalar = readScalar(ctx, raw, `profile ${namespace}.${key}`);
          if (scalar !== undefined) setKey(out, key, scalar);
          else ctx.report(READ_CODES.wrongType, 'warning', `profile ${namespace}.${key} has no value and is left out`);
          ctx.path.pop();
        }
        profiles[namespace as ProfileNamespace] = out;
      } else keepExtra(profiles, namespace, entries);
    } else {
      if (!namespace.startsWith('x-')) {
        ctx.report(READ_CODES.unknownKey, 'error', `"${namespace}" is not a profile namespace (${PROFILE_NAMESPACES.join(', ')}); it is kept as is`, 'key');
      }
      keepExtra(profiles, namespace, entries);
    }
    ctx.path.pop();
  }
  return profiles;
}

/** `metadata:` — key → text or number. */
function readMetadata(ctx: ReadContext, value: TreeValue): Metadata | undefined {
  const map = expectMap(ctx, value, 'metadata');
  if (!map) return undefined;
  const out: Metadata = {};
  for (const key in map) {
    const raw = map[key]!;
    ctx.path.push(key);
    const scalar = readScalar(ctx, raw, `metadata "${key}"`);
    if (scalar !== undefined) setKey(out, key, scalar);
    else ctx.report(READ_CODES.wrongType, 'warning', `metadata "${key}" has no usable value and is left out`);
    ctx.path.pop();
  }
  return out;
}

const HOOK_EVENTS: readonly HookEvent[] = ['never', 'start', 'error', 'success', 'end', 'all'];

const SHELL_HOOK_FIELDS: Record<string, FieldReader<ShellHook>> = {
  _on: (ctx, v, out) => {
    const on = readEnum(ctx, v, HOOK_EVENTS, 'the hook event _on');
    if (on === undefined) return false;
    out.on = on;
    return true;
  },
  cmd: (ctx, v, out) => {
    const cmd = readString(ctx, v, 'the hook command');
    if (cmd === undefined) return false;
    out.cmd = cmd;
    return true;
  },
};

/** `hooks: {shell: [{_on, cmd}]}`. */
function readHooks(ctx: ReadContext, value: TreeValue): Hooks | undefined {
  const map = expectMap(ctx, value, 'hooks');
  if (!map) return undefined;
  const hooks: Hooks = { shell: [] };
  readFields(
    ctx,
    map,
    hooks,
    {
      shell: (c, v, out) => {
        const list = expectList(c, v, 'hooks.shell');
        if (!list) return false;
        for (let i = 0; i < list.length; i++) {
          c.path.push(i);
          const item = expectMap(c, list[i]!, 'a shell hook');
          if (item) out.shell.push(readFields<ShellHook>(c, item, { on: '' as HookEvent, cmd: '' }, SHELL_HOOK_FIELDS, ['_on', 'cmd'], 'a shell hook'));
          c.path.pop();
        }
        return true;
      },
    },
    [],
    'hooks',
  );
  return hooks;
}

/** `checksum: {sha256}`. */
function readChecksum(ctx: ReadContext, value: TreeValue): Checksum | undefined {
  const map = expectMap(ctx, value, 'checksum');
  if (!map) return undefined;
  return readFields<Checksum>(
    ctx,
    map,
    {},
    {
      sha256: (c, v, out) => {
        const text = readString(c, v, 'checksum.sha256');
        if (text === undefined) return false;
        out.sha256 = text;
        return true;
      },
    },
    [],
    'checksum',
  );
}

/** Field readers shared by many objects. */
export function stringField<T>(set: (out: T, value: string) => void, what: string): FieldReader<T> {
  return (ctx, value, out) => {
    const text = readString(ctx, value, what);
    if (text === undefined) return false;
    set(out, text);
    return true;
  };
}

export function profilesField<T extends { profiles?: Profiles }>(): FieldReader<T> {
  return (ctx, value, out) => {
    const profiles = readProfiles(ctx, value);
    if (!profiles) return false;
    out.profiles = profiles;
    return true;
  };
}

export function metadataField<T extends { metadata?: Metadata }>(): FieldReader<T> {
  return (ctx, value, out) => {
    const metadata = readMetadata(ctx, value);
    if (!metadata) return false;
    out.metadata = metadata;
    return true;
  };
}

export function hooksField<T extends { hooks?: Hooks }>(): FieldReader<T> {
  return (ctx, value, out) => {
    const hooks = readHooks(ctx, value);
    if (!hooks) return false;
    out.hooks = hooks;
    return true;
  };
}

export function checksumField<T extends { checksum?: Checksum }>(): FieldReader<T> {
  return (ctx, value, out) => {
    const checksum = readChecksum(ctx, value);
    if (!checksum) return false;
    out.checksum = checksum;
    return true;
  };
}

/** A list of items, each read by `item` with the index on the path; non-mappings are reported and skipped. */
export function readList<T>(ctx: ReadContext, value: TreeValue, what: string, item: (ctx: ReadContext, value: TreeValue, index: number) => T | undefined): T[] | undefined {
  const list = expectList(ctx, value, what);
  if (!list) return undefined;
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    ctx.path.push(i);
    const read = item(ctx, list[i]!, i);
    if (read !== undefined) out.push(read);
    ctx.path.pop();
  }
  return out;
}
