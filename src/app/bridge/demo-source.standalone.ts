/** The single-file build's demo: the CSV's text is part of the page (no fetch under file://). */
import demoCsv from '../../../public/demo/cryotherapy.csv?raw';

export async function readDemo(_path: string): Promise<ArrayBuffer> {
  const bytes = new TextEncoder().encode(demoCsv);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
