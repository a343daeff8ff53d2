/**
 * Monaco, bundled by Vite (no CDN): the editor core, the YAML, Python and shell grammars, and
 * the editor worker built as a module worker. Loaded lazily (`import('./monaco')`) so that the
 * canvas starts without it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/shell/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
