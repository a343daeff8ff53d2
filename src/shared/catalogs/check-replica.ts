import type { Replica } from '../model/catalogs';
import { issue, urlScheme, type FieldIssue } from './field-issue';

const SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks one replica catalog entry as the form is typed: an LFN, at least one PFN with a
 * site and a path or URL, a regex that compiles (Java and JavaScript agree on the common
 * syntax; `[1]`-style group references in PFNs need as many groups), and a SHA-256 checksum
 * of 64 hex digits. Cost: O(size of the entry).
 */
export function checkReplica(replica: Replica): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!replica.lfn.trim()) issues.push(issue(['lfn'], 'Give the logical file name (LFN).'));
  if (replica.pfns.length === 0) issues.push(issue(['pfns'], 'Add at least one physical location (site and PFN).'));
  let groups = 0;
  if (replica.regex) {
    try {
      groups = new RegExp(`(?:${replica.lfn})|`).exec('')!.length - 1;
    } catch (error) {
      issues.push(issue(['lfn'], `This regular expression does not compile: ${(error as Error).message}.`));
    }
  }
  replica.pfns.forEach((pfn, index) => {
    if (!pfn.site.trim()) issues.push(issue(['pfns', index, 'site'], 'Give the site that holds this copy (e.g. local).'));
    if (!pfn.pfn.trim()) issues.push(issue(['pfns', index, 'pfn'], 'Give the path or URL of this copy.'));
    else if (!urlScheme(pfn.pfn) && !pfn.pfn.startsWith('/')) {
      issues.push(issue(['pfns', index, 'pfn'], 'Use an absolute path or a URL (file://, https://, …): pegasus-plan cannot resolve a relative path.', 'warning'));
    }
    if (replica.regex) {
      for (const match of pfn.pfn.matchAll(/\[(\d+)\]/g)) {
        if (Number(match[1]) > groups) issues.push(issue(['pfns', index, 'pfn'], `[${match[1]}] refers to a group the regex does not have (it has ${groups}).`));
      }
    }
  });
  const sha = replica.checksum?.sha256;
  if (sha !== undefined && !SHA256.test(sha)) issues.push(issue(['checksum', 'sha256'], 'A SHA-256 checksum is 64 hexadecimal digits.'));
  return issues;
}
