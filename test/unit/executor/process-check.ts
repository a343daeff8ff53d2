import { readFileSync } from 'node:fs';

/** True while a process exists and is not a zombie (a killed child not yet reaped counts as gone). */
export function processRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Waits until none of `pids` runs, up to `limitMs`; returns those still running. */
export async function waitGone(pids: number[], limitMs = 5000): Promise<number[]> {
  const until = Date.now() + limitMs;
  let alive = pids.filter(processRunning);
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(processRunning);
  }
  return alive;
}
