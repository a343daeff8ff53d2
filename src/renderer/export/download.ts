/**
 * Hands bytes the page made to the user as a file: the browser's download (Electron shows its
 * Save dialog). The link is never put in the document: the link guard (api/link-guard.ts)
 * stops clicks on links in the page that leave the app's origin, and a `blob:` URL of the
 * page's own bytes with `download` neither navigates nor leaves the page.
 */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Give the download time to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
