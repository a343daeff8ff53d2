/**
 * One bit set of staging sites per job, packed in a Uint32Array (`words` words a job), as
 * the BitSets of pegasus-plan's create-dir and leaf cleanup passes. Cost: O(jobs × words).
 */
export class SiteBits {
  private readonly bits: Uint32Array;
  readonly words: number;

  constructor(jobCount: number, siteCount: number) {
    this.words = Math.max(1, Math.ceil(siteCount / 32));
    this.bits = new Uint32Array(jobCount * this.words);
  }

  has(job: number, site: number): boolean {
    return (this.bits[job * this.words + (site >>> 5)]! & (1 << (site & 31))) !== 0;
  }

  set(job: number, site: number): void {
    this.bits[job * this.words + (site >>> 5)]! |= 1 << (site & 31);
  }

  /** `job |= other`. */
  or(job: number, other: number): void {
    for (let w = 0; w < this.words; w++) this.bits[job * this.words + w]! |= this.bits[other * this.words + w]!;
  }
}
