// How the tracking view groups a concern's photos (issue 15): the resident's own, then the
// cadre's "after" photos (整改后照片), each group labelled apart. PDFs (a cadre's evidence) are
// never the resident's to see here. Pure.

/** The part of the API's FileView this needs. */
export interface FileLike {
  kind: "photo" | "pdf";
  by: "resident" | "staff";
}

export interface PhotoGroup<F extends FileLike> {
  by: "resident" | "staff";
  files: F[];
}

export function photoGroups<F extends FileLike>(files: readonly F[]): PhotoGroup<F>[] {
  const photos = files.filter((f) => f.kind === "photo");
  return (["resident", "staff"] as const)
    .map((by) => ({ by, files: photos.filter((f) => f.by === by) }))
    .filter((g) => g.files.length > 0);
}
