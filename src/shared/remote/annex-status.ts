/**
 * Reads `htcondor annex status` into cards. The tool prints sentences (annex.md §7), and the
 * documented examples wrap them across lines and use an older wording, so the parser joins
 * the text and matches each sentence in both wordings; a sentence it does not know is kept
 * in `unparsed` rather than dropped.
 */

export interface AnnexRequestCounts {
  total: number;
  pending: number;
  established: number;
  retired: number;
}

export interface AnnexStatusCard {
  name: string;
  established: boolean;
  /** True when the host knows no annex of this name. */
  notFound?: boolean;
  oldestAgeHours?: number;
  oldestRetireInHours?: number;
  youngestAgeHours?: number;
  youngestRetireInHours?: number;
  nodesRequested?: number;
  nodesEstablished?: number;
  cpusTotal?: number;
  cpusBusy?: number;
  jobsTargeting?: number;
  jobsRunning?: number;
  requests?: AnnexRequestCounts;
}

export interface AnnexStatus {
  annexes: AnnexStatusCard[];
  /** Sentences the parser did not recognise (kept for display). */
  unparsed: string[];
}

function number(text: string | undefined): number {
  return Number(text);
}

/** Splits text into sentences after joining wrapped lines. */
function sentences(text: string): string[] {
  const joined = text.replace(/\r/g, '').split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  return joined
    .split(/(?<=\.)\s+(?=[A-Z0-9'])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/**
 * Parses the output of `htcondor annex status [NAME]` (named report or one line per annex).
 * Cost: linear in the text.
 */
export function parseAnnexStatus(text: string): AnnexStatus {
  const annexes: AnnexStatusCard[] = [];
  const unparsed: string[] = [];
  let current: AnnexStatusCard | undefined;
  const card = (name: string, established: boolean): AnnexStatusCard => {
    const found = annexes.find((annex) => annex.name === name);
    if (found) {
      found.established = established;
      return found;
    }
    const created: AnnexStatusCard = { name, established };
    annexes.push(created);
    return created;
  };

  for (const sentence of sentences(text)) {
    let match: RegExpExecArray | null;
    if ((match = /^Annex '([^']+)' is established and running (\d+) of (\d+) jobs on (\d+) of (\d+) CPUs\.(?:\s+(\d+)\/(\d+)\/(\d+) requests are pending\/active\/retired\.)?$/.exec(sentence))) {
      current = card(match[1]!, true);
      current.jobsRunning = number(match[2]);
      current.jobsTargeting = number(match[3]);
      current.cpusBusy = number(match[4]);
      current.cpusTotal = number(match[5]);
      if (match[6] !== undefined) current.requests = requestCounts(match[6], match[7], match[8]);
    } else if ((match = /^Annex '([^']+)' is (not )?established\.(?:\s+(\d+)\/(\d+)\/(\d+) requests are pending\/active\/retired\.)?$/.exec(sentence))) {
      current = card(match[1]!, match[2] === undefined);
      if (match[3] !== undefined) current.requests = requestCounts(match[3], match[4], match[5]);
    } else if ((match = /^(\d+)\/(\d+)\/(\d+) requests are pending\/active\/retired\.$/.exec(sentence)) && current) {
      current.requests = requestCounts(match[1], match[2], match[3]);
    } else if ((match = /^Found no (?:jobs targeting annex|established or requested annexes named) '([^']+)'\.$/.exec(sentence))) {
      current = card(match[1]!, false);
      if (sentence.includes('established or requested')) current.notFound = true;
    } else if (/^Found no established or requested annexes\.$/.test(sentence)) {
      current = undefined;
    } else if ((match = /^Its (oldest|youngest) established request is about ([\d.]+) hours old(?: and will retire in ([\d.]+) hours)?\.$/.exec(sentence)) && current) {
      if (match[1] === 'oldest') {
        current.oldestAgeHours = number(match[2]);
        if (match[3] !== undefined) current.oldestRetireInHours = number(match[3]);
      } else {
        current.youngestAgeHours = number(match[2]);
        if (match[3] !== undefined) current.youngestRetireInHours = number(match[3]);
      }
    } else if ((match = /^You requested (\d+) (?:nodes|machines) for this annex, of which (\d+) are in (?:an )?established annex(?:es)?\.$/.exec(sentence)) && current) {
      current.nodesRequested = number(match[1]);
      current.nodesEstablished = number(match[2]);
    } else if ((match = /^There are (\d+) CPUs in the established (?:annex|machines), of which (\d+) are busy\.$/.exec(sentence)) && current) {
      current.cpusTotal = number(match[1]);
      current.cpusBusy = number(match[2]);
    } else if ((match = /^(\d+) jobs must run on this annex, and (\d+) currently are\.$/.exec(sentence)) && current) {
      current.jobsTargeting = number(match[1]);
      current.jobsRunning = number(match[2]);
    } else if ((match = /^You requested resources for this annex (\d+) times; (\d+) are pending, (\d+) comprise the established annex, and (\d+) have retired\.$/.exec(sentence)) && current) {
      current.requests = { total: number(match[1]), pending: number(match[2]), established: number(match[3]), retired: number(match[4]) };
    } else if ((match = /^You made (\d+) resource request\(s\) for this annex, of which (\d+) are pending, (\d+) are established, and (\d+) have retired\.$/.exec(sentence)) && current) {
      current.requests = { total: number(match[1]), pending: number(match[2]), established: number(match[3]), retired: number(match[4]) };
    } else if (/^For more information about an annex/.test(sentence)) {
      // The hint line of the list form.
    } else {
      unparsed.push(sentence);
    }
  }
  return { annexes, unparsed };
}

function requestCounts(pending: string | undefined, active: string | undefined, retired: string | undefined): AnnexRequestCounts {
  const counts = { pending: number(pending), established: number(active), retired: number(retired) };
  return { total: counts.pending + counts.established + counts.retired, ...counts };
}

/** One slot of an annex from `condor_status -json`. */
export interface AnnexSlot {
  name: string;
  machine: string;
  partitionable: boolean;
  cpus: number;
  totalCpus?: number;
  memoryMb?: number;
  state?: string;
  activity?: string;
}

/**
 * Reads the JSON ads `condor_status -json` prints for an annex's slots. An empty output means
 * no slots (condor_status prints nothing when nothing matches).
 */
export function parseAnnexSlots(text: string): { ok: true; slots: AnnexSlot[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, slots: [] };
  let ads: unknown;
  try {
    ads = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, message: `condor_status did not print JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(ads)) return { ok: false, message: 'condor_status printed JSON that is not a list of ads.' };
  const slots: AnnexSlot[] = [];
  for (const ad of ads) {
    if (typeof ad !== 'object' || ad === null) continue;
    const record = ad as Record<string, unknown>;
    const slot: AnnexSlot = {
      name: String(record.Name ?? ''),
      machine: String(record.Machine ?? ''),
      partitionable: record.PartitionableSlot === true,
      cpus: typeof record.Cpus === 'number' ? record.Cpus : 0,
    };
    if (typeof record.TotalSlotCPUs === 'number') slot.totalCpus = record.TotalSlotCPUs;
    if (typeof record.Memory === 'number') slot.memoryMb = record.Memory;
    if (typeof record.State === 'string') slot.state = record.State;
    if (typeof record.Activity === 'string') slot.activity = record.Activity;
    slots.push(slot);
  }
  return { ok: true, slots };
}
