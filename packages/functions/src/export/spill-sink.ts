import { randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";

/**
 * Where an export is written: memory up to a limit, then a temporary file. A small export
 * never touches the disk and goes back in the response; a large one never sits whole in
 * memory and goes to the file store with its exact length (which S3's PutObject wants).
 * `spill()` moves to the file early (the row count alone can make an export "large").
 */
export class SpillSink extends Writable {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private file: WriteStream | null = null;
  private filePath: string | null = null;

  constructor(
    private readonly memoryLimit: number,
    private readonly dir: string = tmpdir(),
  ) {
    super();
  }

  get size(): number {
    return this.bytes;
  }

  get spilled(): boolean {
    return this.file !== null;
  }

  get path(): string | null {
    return this.filePath;
  }

  /** Moves what is buffered to a temporary file; later writes go there too. */
  spill(): void {
    if (this.file) return;
    this.filePath = join(this.dir, `lianxin-export-${randomUUID()}`);
    const file = createWriteStream(this.filePath);
    file.on("error", (error) => this.destroy(error));
    for (const chunk of this.chunks) file.write(chunk);
    this.chunks = [];
    this.file = file;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.bytes += chunk.length;
    if (!this.file && this.bytes > this.memoryLimit) this.spill();
    if (!this.file) {
      this.chunks.push(chunk);
      done();
    } else if (this.file.write(chunk)) done();
    else this.file.once("drain", () => done());
  }

  override _final(done: (error?: Error | null) => void) {
    if (!this.file) done();
    else this.file.end(() => done());
  }

  /** The bytes, when nothing was spilled. */
  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Removes the temporary file, if any. */
  async cleanup(): Promise<void> {
    if (this.filePath) await rm(this.filePath, { force: true });
  }
}
