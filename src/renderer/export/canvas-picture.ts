/** The canvas's nodes and edges, as React Flow holds them (all of them, drawn or not), for the picture. */
import type { Edge, Node } from '@xyflow/react';
import type { Job } from '../../shared/model';
import { jobTransformation } from '../canvas/job-summary';
import { FILE_SIZE, JOB_SIZE } from '../canvas/node-types';
import { type Picture, type PictureEdge, type PictureNode, pictureSvg } from './picture-svg';

export function canvasPicture(nodes: readonly Node[], edges: readonly Edge[]): Picture {
  const pictureNodes: PictureNode[] = nodes.map((n) => {
    const kind = n.type === 'file' ? 'file' : n.type === 'subworkflow' ? 'subworkflow' : 'job';
    const size = kind === 'file' ? FILE_SIZE : JOB_SIZE;
    const data = n.data as { job?: Job; lfn?: string };
    return {
      id: n.id,
      kind,
      x: n.position.x,
      y: n.position.y,
      width: n.width ?? n.measured?.width ?? size.width,
      height: n.height ?? n.measured?.height ?? size.height,
      title: data.job ? data.job.id : (data.lfn ?? n.id),
      subtitle: data.job ? jobTransformation(data.job) : '',
    };
  });
  const pictureEdges: PictureEdge[] = edges.map((e) => ({
    source: e.source,
    target: e.target,
    dashed: e.type === 'dependency',
  }));
  return pictureSvg(pictureNodes, pictureEdges);
}
