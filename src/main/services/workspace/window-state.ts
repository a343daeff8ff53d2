import { windowTitle } from '../../../shared/ipc';

/**
 * The document name and unsaved flag the renderer reports, from which the window title and
 * the close guard follow. `onChange` shows the title (Electron: BrowserWindow.setTitle).
 */
export class WindowState {
  private name: string | null = null;
  private dirty = false;

  constructor(private readonly onChange: (title: string, dirty: boolean) => void = () => undefined) {}

  setName(name: string | null): string {
    this.name = name;
    return this.update();
  }

  setDirty(dirty: boolean): string {
    this.dirty = dirty;
    return this.update();
  }

  get title(): string {
    return windowTitle(this.name, this.dirty);
  }

  /** True while there are unsaved edits: closing must ask first. */
  get isDirty(): boolean {
    return this.dirty;
  }

  private update(): string {
    const title = this.title;
    this.onChange(title, this.dirty);
    return title;
  }
}
