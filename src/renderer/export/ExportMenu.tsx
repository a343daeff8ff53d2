/**
 * The Export menu: the workflow as YAML, JSON, a Pegasus Python API script or Graphviz DOT
 * (written by the main process through `document.export`, the CLI's implementation), and the
 * canvas as a PNG or SVG picture (made here and handed over as a download).
 */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import type { ExportFormat } from '../../shared/ipc';
import { getApi } from '../api/get-api';
import { documentStore, useDocument } from '../store/document-store';
import { confirmInPage, toast } from '../store/ui-store';
import { AuthoringModal } from '../panels/code/AuthoringModal';
import { canvasPicture } from './canvas-picture';
import { download } from './download';
import { pictureToPng } from './picture-png';

const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; extension: string }> = [
  { format: 'yaml', label: 'Pegasus YAML', extension: '.yml' },
  { format: 'json', label: 'Pegasus JSON', extension: '.json' },
  { format: 'python', label: 'Python API script', extension: '.py' },
  { format: 'dot', label: 'Graphviz DOT', extension: '.dot' },
];

function stem(name: string): string {
  return name.replace(/\.(ya?ml|json)$/i, '');
}

/** `/dir/name.yml` → `/dir/`; empty when the document has no file. */
function folderOf(path: string | undefined): string {
  if (!path) return '';
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut + 1);
}

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<(typeof FORMATS)[number] | null>(null);
  const flow = useReactFlow();
  const name = useDocument((s) => s.name);

  const picture = async (kind: 'png' | 'svg') => {
    setOpen(false);
    try {
      const drawn = canvasPicture(flow.getNodes(), flow.getEdges());
      const blob = kind === 'svg' ? new Blob([drawn.svg], { type: 'image/svg+xml' }) : await pictureToPng(drawn);
      download(blob, `${stem(name)}.${kind}`);
    } catch (error) {
      toast(`Could not make the picture: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  };

  return (
    <span
      className="menu"
      onBlur={(e) => {
        // Close when focus leaves the menu (a click elsewhere, Tab away).
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="export-menu"
      >
        Export ▾
      </button>
      {open && (
        <span className="menu-items" role="menu">
          {FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              role="menuitem"
              data-testid={`export-${f.format}`}
              onClick={() => {
                setOpen(false);
                setFormat(f);
              }}
            >
              {f.label}…
            </button>
          ))}
          <button type="button" role="menuitem" data-testid="export-png" onClick={() => void picture('png')}>
            Canvas as PNG
          </button>
          <button type="button" role="menuitem" data-testid="export-svg" onClick={() => void picture('svg')}>
            Canvas as SVG
          </button>
        </span>
      )}
      {format && <ExportDialog format={format} onClose={() => setFormat(null)} />}
    </span>
  );
}

function ExportDialog({ format, onClose }: { format: (typeof FORMATS)[number]; onClose: () => void }) {
  const file = useDocument((s) => s.file);
  const name = useDocument((s) => s.name);
  const [path, setPath] = useState(
    `${folderOf(file?.path)}${stem(name)}${format.extension === '.yml' && file?.path.endsWith('.yml') ? '-export' : ''}${format.extension}`,
  );
  const [busy, setBusy] = useState(false);
  const write = async (overwrite: boolean): Promise<void> => {
    setBusy(true);
    const state = documentStore.getState();
    const answer = await getApi().documentExport({
      path,
      workflow: state.doc.workflow,
      catalogs: state.catalogs,
      format: format.format,
      overwrite,
    });
    setBusy(false);
    if (!answer.ok) {
      if (answer.error.code === 'EXISTS' && !overwrite) {
        if ((await confirmInPage(`${path} already exists. Replace it?`, ['Replace', 'Cancel'])) === 0)
          await write(true);
        return;
      }
      toast(`Could not export: ${answer.error.message ?? answer.error.code}`, 'error');
      return;
    }
    toast(`Exported ${answer.value.path}`);
    onClose();
  };
  return (
    <AuthoringModal title={`Export as ${format.label}`} testId="export-dialog" onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="export-path">File</label>
        <input
          id="export-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          data-testid="export-path"
          size={50}
        />
      </div>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={busy || path.trim() === ''}
          onClick={() => void write(false)}
          data-testid="export-write"
        >
          Export
        </button>
      </div>
    </AuthoringModal>
  );
}
