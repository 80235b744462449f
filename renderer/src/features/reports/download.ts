import type { ExportFile } from '../../../../shared/domain/reports';

export type DownloadDeps = Readonly<{
  doc: Document;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  later: (fn: () => void, ms: number) => void;
}>;

function bytesOf(file: ExportFile): BlobPart {
  if (file.encoding === 'utf8') return file.data;
  const binary = atob(file.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a document the engine made as a download (the browser's, or Electron's save dialog). A link to a
 * blob: URL with `download` is a download, not a navigation, so the window's navigation guard and CSP are
 * untouched. The URL is released a minute later, long after the download started.
 */
export function saveExportFile(file: ExportFile, deps?: Partial<DownloadDeps>): void {
  const doc = deps?.doc ?? document;
  const create = deps?.createObjectURL ?? ((blob: Blob) => URL.createObjectURL(blob));
  const revoke = deps?.revokeObjectURL ?? ((url: string) => URL.revokeObjectURL(url));
  const later = deps?.later ?? ((fn: () => void, ms: number) => void setTimeout(fn, ms));
  const url = create(new Blob([bytesOf(file)], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  later(() => revoke(url), 60_000);
}
