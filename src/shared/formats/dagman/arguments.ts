import { isNumberLiteral } from '../../model/scalar';
import type { Argument } from '../../model/job';

/** The text pegasus-plan sees for one job argument. */
export function argumentText(argument: Argument): string {
  if (typeof argument === 'number') return String(argument);
  if (isNumberLiteral(argument)) return argument.text;
  return argument;
}
