// Small helpers for showing paths the user chose.

/** The last part of a path, on any platform: "/home/a/notes.md" and "C:\\a\\notes.md" → "notes.md". */
export function fileName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1) || trimmed;
}
