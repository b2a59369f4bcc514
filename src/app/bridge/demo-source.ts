/**
 * The demo file's bytes: fetched from the app's own origin (public/demo/, precached by the service worker).
 * The single-file build swaps this module for `demo-source.standalone.ts`, which has the file inlined.
 */
export async function readDemo(path: string): Promise<ArrayBuffer> {
  const res = await fetch(import.meta.env.BASE_URL + path);
  if (!res.ok) throw new Error(`Could not read the demo file (${res.status}).`);
  return res.arrayBuffer();
}
