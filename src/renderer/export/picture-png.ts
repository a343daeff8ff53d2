/**
 * Rasterises the canvas picture's SVG to a PNG with the browser's own decoder and encoder
 * (an <img> of the SVG drawn onto a <canvas>): no extra dependency.
 */
import type { Picture } from './picture-svg';

/** Browsers refuse canvases much past this many pixels per side (and 2^28 pixels in all). */
const MAX_SIDE = 16_000;
const MAX_PIXELS = 120_000_000;

/** The scale for a sharp picture (2× when it fits), reduced so the canvas stays within the browser's limits. */
function pngScale(width: number, height: number): number {
  let scale = 2;
  scale = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
  return scale;
}

export async function pictureToPng(picture: Picture): Promise<Blob> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the picture could not be drawn'));
  });
  // A data: URL, which the page's Content-Security-Policy allows for images.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  await loaded;
  const scale = pngScale(picture.width, picture.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(picture.width * scale));
  canvas.height = Math.max(1, Math.round(picture.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw pictures');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'),
  );
}
