/** Float32 weights ⇄ base64 text, for the versioned JSON model format (no Buffer: runs in browsers and Node). */

const CHUNK = 0x8000;

export function float32ToBase64(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function base64ToFloat32(s: string): Float32Array {
  const bin = atob(s);
  if (bin.length % 4 !== 0) throw new RangeError(`base64 weights of ${bin.length} bytes are not whole float32 values`);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
