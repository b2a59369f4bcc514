/**
 * Saves text as a file through a Blob URL and a temporary `<a download>`: made in the tab, nothing is uploaded.
 * `text` may be the parts of a large file (the synthetic CSV's `csvParts`): the Blob is made of them, never of one
 * joined string.
 */
export function downloadText(fileName: string, text: string | readonly string[], type: string): void {
  const parts: string[] = typeof text === 'string' ? [text] : [...text];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
