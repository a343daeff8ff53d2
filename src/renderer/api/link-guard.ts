/**
 * "A link cannot replace the app": a click on a link to another origin never navigates the
 * app's own page. An https link opens in a new browsing context without an opener (in
 * Electron the main process turns that into the system browser, security.md §1 items
 * 13–15); any other scheme is dropped. In-app links (same origin, `#…`) behave as usual.
 */
export function installLinkGuard(doc: Document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented) return;
    const target = event.target instanceof Element ? event.target.closest('a[href], area[href]') : null;
    if (!target) return;
    const href = target.getAttribute('href') ?? '';
    let url: URL;
    try {
      url = new URL(href, doc.baseURI);
    } catch {
      event.preventDefault();
      return;
    }
    if (url.origin === doc.location.origin && url.protocol === doc.location.protocol) return;
    event.preventDefault();
    if (url.protocol === 'https:') doc.defaultView?.open(url.href, '_blank', 'noopener,noreferrer');
  };
  // Capture, and middle clicks too (auxclick), before any handler of the page can navigate.
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('auxclick', onClick, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('auxclick', onClick, true);
  };
}
