// A receipt photo from the phone's camera, made small enough to travel in a
// step's JSON body: drawn into a canvas at most `maxEdge` px on its longer
// side and encoded as JPEG, smaller and rougher until its data URL fits
// `maxChars`. A camera photo of 4000 × 3000 px (3–6 MB) becomes ~100–250 KB;
// the EXIF block (GPS position included) does not survive the canvas.

const TRIES = [[1600, 0.8], [1280, 0.75], [1280, 0.6], [1024, 0.6], [800, 0.55], [640, 0.5]];

// File → { url: "data:image/jpeg;base64,…", width, height }; throws
// Error('not_image') when the browser cannot decode it, Error('too_big')
// when even the smallest try does not fit.
export async function receiptPhoto(file, { maxChars = 700 * 1024 } = {}) {
  let bitmap;
  try { bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }); } catch {
    throw new Error('not_image');
  }
  try {
    const canvas = document.createElement('canvas');
    for (const [edge, quality] of TRIES) {
      const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';  // a transparent PNG turns white, not black
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const url = canvas.toDataURL('image/jpeg', quality);
      if (url.length <= maxChars) return { url, width: canvas.width, height: canvas.height };
    }
  } finally {
    bitmap.close();
  }
  throw new Error('too_big');
}
