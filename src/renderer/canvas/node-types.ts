/** Sizes and handle geometry of canvas nodes, shared by the mapping, the layout and the node components. */
import { type Node, type NodeHandle, Position } from '@xyflow/react';
import type { Job } from '../../shared/model';
import type { FileInfo } from './graph-model';

export const JOB_SIZE = { width: 190, height: 64 } as const;
export const FILE_SIZE = { width: 170, height: 40 } as const;
const HANDLE = 10;

/** Diagnostics counts a node shows as its badge. */
export interface Badge {
  errors: number;
  warnings: number;
}

export interface JobNodeData extends Record<string, unknown> {
  job: Job;
  badge: Badge | undefined;
}

export interface FileNodeData extends Record<string, unknown> {
  info: FileInfo | undefined;
  lfn: string;
  badge: Badge | undefined;
}

export type JobFlowNode = Node<JobNodeData, 'job' | 'subworkflow'>;
export type FileFlowNode = Node<FileNodeData, 'file'>;
export type CanvasNode = JobFlowNode | FileFlowNode;

/**
 * Handles given up front, with the size (as `width`/`height` and as `measured`), so that
 * React Flow counts every node as initialised and never has to measure one
 * before drawing it: with visible-only rendering this is what keeps the first paint of a
 * large graph fast (../shared/reference/perf.md).
 */
export function handlesFor(size: { width: number; height: number }): NodeHandle[] {
  return [
    { id: 'in', type: 'target', position: Position.Top, x: size.width / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE },
    { id: 'out', type: 'source', position: Position.Bottom, x: size.width / 2 - HANDLE / 2, y: size.height - HANDLE / 2, width: HANDLE, height: HANDLE },
  ];
}

export const JOB_HANDLES = handlesFor(JOB_SIZE);
export const FILE_HANDLES = handlesFor(FILE_SIZE);
