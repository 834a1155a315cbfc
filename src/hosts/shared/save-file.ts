/** Offers bytes to the user as a file download (a data: link clicked once), in the add-on's and the demo's pages. */
export function saveFile(name: string, mediaType: string, base64: string): void {
  const link = document.createElement("a");
  link.download = name;
  link.href = `data:${mediaType};base64,${base64}`;
  document.body.append(link);
  link.click();
  link.remove();
}
