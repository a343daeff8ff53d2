/** One node of a parsed DAG file. */
export interface DagNode {
  name: string;
  /** Submit file, or the DAG file of a SUBDAG EXTERNAL node. */
  file: string;
  subdag: boolean;
  priority?: number;
  retry?: number;
  category?: string;
  preScript?: string;
  postScript?: string;
}

/** The nodes and edges of a DAGMan `.dag` file, in file order. */
export interface DagFile {
  nodes: DagNode[];
  edges: Array<readonly [string, string]>;
  maxJobs: Map<string, number>;
}

/**
 * Reads the structure of a DAGMan file: JOB and SUBDAG EXTERNAL nodes, their PRIORITY,
 * RETRY, CATEGORY and scripts, MAXJOBS, and PARENT … CHILD edges (several names on each side
 * allowed). Comments and other keywords are skipped. Cost: O(file size).
 */
export function readDag(text: string): DagFile {
  const nodes: DagNode[] = [];
  const byName = new Map<string, DagNode>();
  const edges: Array<readonly [string, string]> = [];
  const maxJobs = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/\s+/);
    const keyword = words[0]!.toUpperCase();
    if (keyword === 'JOB' || (keyword === 'SUBDAG' && words[1]?.toUpperCase() === 'EXTERNAL')) {
      const offset = keyword === 'JOB' ? 1 : 2;
      const node: DagNode = { name: words[offset]!, file: words[offset + 1] ?? '', subdag: keyword !== 'JOB' };
      nodes.push(node);
      byName.set(node.name, node);
    } else if (keyword === 'PARENT') {
      const childAt = words.findIndex((word) => word.toUpperCase() === 'CHILD');
      if (childAt < 0) continue;
      for (const parent of words.slice(1, childAt))
        for (const child of words.slice(childAt + 1)) edges.push([parent, child]);
    } else if (keyword === 'MAXJOBS' && words.length >= 3) {
      maxJobs.set(words[1]!, Number(words[2]));
    } else {
      const node = byName.get(words[1] ?? '');
      if (!node) {
        const scriptNode = keyword === 'SCRIPT' ? byName.get(words[2] ?? '') : undefined;
        if (scriptNode) {
          const command = words.slice(3).join(' ');
          if (words[1]!.toUpperCase() === 'PRE') scriptNode.preScript = command;
          else scriptNode.postScript = command;
        }
        continue;
      }
      if (keyword === 'PRIORITY') node.priority = Number(words[2]);
      else if (keyword === 'RETRY') node.retry = Number(words[2]);
      else if (keyword === 'CATEGORY') node.category = words[2];
    }
  }
  return { nodes, edges, maxJobs };
}
