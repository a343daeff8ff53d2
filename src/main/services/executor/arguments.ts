import { scalarText, type Argument } from '../../../shared/model';

/**
 * The argument vector a job's process gets. pegasus-plan joins the `arguments` list with
 * single spaces into one string (`classes/Job.java`), and the worker splits that string on
 * white space, so an argument such as `"-t 12"` reaches the program as two words. The local
 * run does the same, without a shell: no globbing, no variable expansion.
 */
export function splitArguments(args: readonly Argument[]): string[] {
  const joined = args.map((arg) => (typeof arg === 'object' ? scalarText(arg) : String(arg))).join(' ');
  return joined.split(/\s+/).filter((word) => word.length > 0);
}
