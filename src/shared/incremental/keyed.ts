import type { Diagnostic } from '../model/diagnostic';

/** A diagnostic with a key that stays the same for as long as the diagnostic does. */
export interface KeyedDiagnostic {
  readonly key: string;
  readonly diagnostic: Diagnostic;
}

/**
 * What one patch changed: keys of diagnostics that are gone, and the new ones. A diagnostic
 * that survives an edit keeps its key and appears in neither list, so a view updates only
 * what changed.
 */
export interface DiagnosticsDelta {
  readonly removed: readonly string[];
  readonly added: readonly KeyedDiagnostic[];
}

/** Code, severity, message and target as one string: two diagnostics are the same when these are. Cost: O(message). */
export function diagnosticSignature(d: Diagnostic): string {
  return `${d.code}\u0000${d.severity}\u0000${d.message}\u0000${d.target ? JSON.stringify(d.target) : ''}`;
}

interface Entry {
  readonly key: string;
  readonly signature: string;
  readonly diagnostic: Diagnostic;
}

/**
 * Diagnostics stored by the group of inputs they come from (a job, a file, an id, …), with
 * a running delta. Replacing a group keeps the key of every diagnostic that is still there
 * (matched by {@link diagnosticSignature}) and records the rest as removed or added; a key
 * added and removed within one delta cancels out. Cost: O(size of the group) per replacement.
 */
export class DiagnosticGroups {
  private readonly groups = new Map<string, Entry[]>();
  private count = 0;
  private nextKey = 0;
  private removed: string[] = [];
  private added = new Map<string, KeyedDiagnostic>();
  /** While rebuilding: keys of the previous diagnostics by signature, reused for equal ones. */
  private reusable: Map<string, string[]> | undefined;

  /** Number of diagnostics stored. */
  get size(): number {
    return this.count;
  }

  /** Replaces the diagnostics of `group` (the array is copied, so a scratch array may be passed). */
  set(group: string, diagnostics: readonly Diagnostic[]): void {
    const old = this.groups.get(group);
    if (!old) {
      if (diagnostics.length === 0) return;
      const entries = diagnostics.map((diagnostic) => this.fresh(diagnostic, diagnosticSignature(diagnostic)));
      this.groups.set(group, entries);
      this.count += entries.length;
      return;
    }
    const signatures = diagnostics.map(diagnosticSignature);
    if (signatures.length === old.length && signatures.every((s, i) => s === old[i]!.signature)) return;
    const bySignature = new Map<string, Entry[]>();
    for (const entry of old) {
      const list = bySignature.get(entry.signature);
      if (list) list.push(entry);
      else bySignature.set(entry.signature, [entry]);
    }
    const entries: Entry[] = [];
    for (let i = 0; i < diagnostics.length; i++) {
      const kept = bySignature.get(signatures[i]!)?.pop();
      entries.push(kept ?? this.fresh(diagnostics[i]!, signatures[i]!));
    }
    for (const list of bySignature.values()) for (const entry of list) this.drop(entry.key);
    this.count += entries.length - old.length;
    if (entries.length === 0) this.groups.delete(group);
    else this.groups.set(group, entries);
  }

  /** Removes `group` and its diagnostics. */
  delete(group: string): void {
    const old = this.groups.get(group);
    if (!old) return;
    for (const entry of old) this.drop(entry.key);
    this.count -= old.length;
    this.groups.delete(group);
  }

  /** True when `group` holds at least one diagnostic. */
  has(group: string): boolean {
    return this.groups.has(group);
  }

  /**
   * Starts computing every group again from nothing: until {@link endRebuild}, a diagnostic
   * equal to one stored before gets its old key back. Cost: O(diagnostics).
   */
  beginRebuild(): void {
    const reusable = new Map<string, string[]>();
    for (const entries of this.groups.values()) {
      for (const entry of entries) {
        const list = reusable.get(entry.signature);
        if (list) list.push(entry.key);
        else reusable.set(entry.signature, [entry.key]);
      }
    }
    this.groups.clear();
    this.count = 0;
    this.reusable = reusable;
  }

  /** Ends a rebuild: the previous diagnostics no group produced again are removed. */
  endRebuild(): void {
    const reusable = this.reusable;
    this.reusable = undefined;
    if (!reusable) return;
    for (const keys of reusable.values()) for (const key of keys) this.drop(key);
  }

  /** The changes since the last call. Cost: O(changes). */
  takeDelta(): DiagnosticsDelta {
    const delta: DiagnosticsDelta = { removed: this.removed, added: [...this.added.values()] };
    this.removed = [];
    this.added = new Map();
    return delta;
  }

  /** Every stored diagnostic with its key (group order, not canonical). Cost: O(diagnostics). */
  all(): KeyedDiagnostic[] {
    const result: KeyedDiagnostic[] = [];
    for (const entries of this.groups.values())
      for (const { key, diagnostic } of entries) result.push({ key, diagnostic });
    return result;
  }

  private fresh(diagnostic: Diagnostic, signature: string): Entry {
    const reused = this.reusable?.get(signature)?.pop();
    if (reused !== undefined) return { key: reused, signature, diagnostic };
    const key = (this.nextKey++).toString(36);
    this.added.set(key, { key, diagnostic });
    return { key, signature, diagnostic };
  }

  private drop(key: string): void {
    if (!this.added.delete(key)) this.removed.push(key);
  }
}
