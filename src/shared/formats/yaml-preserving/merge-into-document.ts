import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Brings a parsed YAML document (comments, key order and formatting intact) to a new value by
 * changing only what differs, instead of writing the value out afresh. This is how a canvas
 * edit reaches the code view without losing what the user typed by hand: comments stay on
 * the nodes they were written beside, keys keep their order, untouched lines keep their bytes.
 *
 * Rules: a mapping keeps its pairs in place, updates changed values, removes keys the new
 * value lacks and appends new keys at the end; a sequence whose items have an identity (see
 * {@link IdentityOf}: jobs by `id`, file uses and replicas by `lfn`, sites by `name`…) is
 * matched item by item, so editing one job touches only that job's lines; other sequences and
 * scalars are replaced only when their value changed.
 */

/** Returns the identity of a sequence item at `path` (e.g. `['jobs']`), or undefined for none. */
export type IdentityOf = (path: readonly (string | number)[], item: unknown) => string | undefined;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function same(node: unknown, value: unknown, doc: Document): boolean {
  const current = node && typeof node === 'object' && 'toJSON' in (node as object) ? (node as Node).toJSON(undefined, { doc } as never) : node;
  return JSON.stringify(current) === JSON.stringify(value);
}

function keyOf(pair: Pair): string {
  const key = pair.key as unknown;
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function mergeMap(doc: Document, map: YAMLMap, next: Record<string, unknown>, path: (string | number)[], identity: IdentityOf): void {
  const wanted = new Set(Object.keys(next));
  for (let i = map.items.length - 1; i >= 0; i--) {
    if (!wanted.has(keyOf(map.items[i] as Pair))) map.items.splice(i, 1);
  }
  for (const [key, value] of Object.entries(next)) {
    const pair = (map.items as Pair[]).find((candidate) => keyOf(candidate) === key);
    if (!pair) {
      map.items.push(doc.createPair(key, value) as Pair);
      continue;
    }
    pair.value = mergeNode(doc, pair.value, value, [...path, key], identity);
  }
}

function mergeSeq(doc: Document, seq: YAMLSeq, next: unknown[], path: (string | number)[], identity: IdentityOf): YAMLSeq | Node {
  const items = seq.items;
  const ids = next.map((item) => identity(path, item));
  if (ids.some((id) => id === undefined)) {
    // No identity: keep the node (and its comments) when equal, else replace it whole,
    // written as the user wrote it (`[a, b]` stays a flow list) with its comments.
    if (same(seq, next, doc)) return seq;
    const created = doc.createNode(next) as Node;
    if (isSeq(created)) {
      created.flow = seq.flow;
      created.comment = seq.comment;
      created.commentBefore = seq.commentBefore;
    }
    return created;
  }
  const existing = new Map<string, unknown>();
  for (const item of items) {
    const plain = item && typeof item === 'object' && 'toJSON' in (item as object) ? (item as Node).toJSON() : item;
    const id = identity(path, plain);
    if (id !== undefined && !existing.has(id)) existing.set(id, item);
  }
  seq.items = next.map((value, index) => {
    const old = existing.get(ids[index]!);
    return old === undefined ? doc.createNode(value) : mergeNode(doc, old, value, [...path, index], identity);
  }) as typeof seq.items;
  return seq;
}

function mergeNode(doc: Document, node: unknown, next: unknown, path: (string | number)[], identity: IdentityOf): unknown {
  if (next !== null && typeof next === 'object' && !Array.isArray(next) && isMap(node)) {
    mergeMap(doc, node, next as Record<string, unknown>, path, identity);
    return node;
  }
  if (Array.isArray(next) && isSeq(node)) return mergeSeq(doc, node, next, path, identity);
  if (isScalar(node) && (next === null || typeof next !== 'object')) {
    if (node.value !== next) node.value = next;
    return node;
  }
  return same(node, next, doc) ? node : doc.createNode(next as Json);
}

/** Updates `doc` in place so that its value is `next`, changing as little text as possible. */
export function mergeIntoDocument(doc: Document, next: unknown, identity: IdentityOf): void {
  if (doc.contents === null || doc.contents === undefined) {
    doc.contents = doc.createNode(next) as never;
    return;
  }
  doc.contents = mergeNode(doc, doc.contents, next, [], identity) as never;
}

const LIST_IDENTITIES: Readonly<Record<string, string>> = {
  jobs: 'id',
  uses: 'lfn',
  jobDependencies: 'id',
  replicas: 'lfn',
  pfns: 'site',
  sites: 'name',
  transformations: 'name',
  containers: 'name',
  directories: 'type',
  fileServers: 'url',
};

/**
 * Identities of the lists of a Pegasus YAML file: jobs by `id`, uses and replicas by `lfn`,
 * sites, containers and transformation-catalog sites by `name`, transformations by
 * `namespace::name:version`.
 */
export const pegasusIdentity: IdentityOf = (path, item) => {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const list = path[path.length - 1];
  if (typeof list !== 'string') return undefined;
  if (list === 'transformations') return `${String(record.namespace ?? '')}::${String(record.name ?? '')}:${String(record.version ?? '')}`;
  if (list === 'pfns' && path[path.length - 3] === 'replicas') return `${String(record.site ?? '')} ${String(record.pfn ?? '')}`;
  const field = LIST_IDENTITIES[list];
  if (!field) return undefined;
  const value = record[field];
  return typeof value === 'string' ? value : undefined;
};
