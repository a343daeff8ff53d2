/** The text of a workflow file as it is on disk (through `document.open`), or `undefined` when it cannot be read. */
import { getApi } from '../../api/get-api';
import type { FileTextReader } from './code-store';

export const readFileText: FileTextReader = async (path) => {
  const answer = await getApi().documentOpen({ path });
  return answer.ok ? answer.value.text : undefined;
};
