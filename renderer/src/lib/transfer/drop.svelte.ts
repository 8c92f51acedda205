// Files and folders dragged onto the window start an import. The page is sandboxed and cannot see
// paths: the preload's pathForFile (Electron's webUtils.getPathForFile) gives each dropped File's
// path, and main checks them again (absolute, existing, a file or a folder) before reading.
//
// dragenter/dragleave fire for every element the pointer crosses, so the overlay follows a
// counter of them rather than single events; a drop or a drag out of the window resets it.

export interface DropOptions {
  /** Whether a drop would be taken now (not while importing, not under another dialog). */
  accepts: () => boolean;
  /** A dropped File's path on disk, '' when it has none (text, a File made by a page). */
  pathForFile: (file: File) => string;
  onPaths: (paths: string[]) => void;
  /** Something was dropped, but nothing of it is a file on disk. */
  onNothing: () => void;
}

export class DropTarget {
  /** Files are being dragged over the window and would be taken: show the drop overlay. */
  active = $state(false);
  #depth = 0;

  constructor(private readonly options: DropOptions) {}

  dragenter = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    this.#depth += 1;
    this.active = this.options.accepts();
  };

  dragover = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    // Without preventDefault the drop would not happen (and Chromium would try to open the file).
    event.preventDefault();
    const accepts = this.options.accepts();
    if (event.dataTransfer) event.dataTransfer.dropEffect = accepts ? 'copy' : 'none';
    this.active = accepts;
  };

  dragleave = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    this.#depth = Math.max(0, this.#depth - 1);
    if (this.#depth === 0) this.active = false;
  };

  drop = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    this.#depth = 0;
    this.active = false;
    if (!this.options.accepts()) return;
    const paths: string[] = [];
    for (const file of event.dataTransfer?.files ?? []) {
      const path = this.options.pathForFile(file);
      if (path && !paths.includes(path)) paths.push(path);
    }
    if (paths.length > 0) this.options.onPaths(paths);
    else this.options.onNothing();
  };

  /** The drag ended elsewhere (Esc, or dropped outside the window). */
  reset = (): void => {
    this.#depth = 0;
    this.active = false;
  };
}

/** A drag of files from the system (not of text or an element of the page). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}
