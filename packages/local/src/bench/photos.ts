/**
 * Photo processor benchmark (issue 15): time and peak memory of `processUpload`
 * (packages/functions/src/files/photo-processor.ts) on what phones send, so that the
 * processor Lambda's memory and timeout can be set from a measurement.
 *
 *   pnpm bench:photos              5 warm runs per case
 *   pnpm bench:photos --runs 9
 *
 * Cases: a 4000 × 3000 JPEG (12 MP, as most phones write by default) stored upright and
 * with EXIF orientation 6 (portrait shot: the rotation needs the whole decoded image), and a
 * 4000 × 3000 PNG (a 12 MP screenshot-like image), and the worst a photo may be: a JPEG at
 * the pixel limit (8192 × 8192) with orientation 6. Each case runs in a fresh Node process:
 * the first call (cold: loads sharp and libvips), then N warm calls; the process reports the
 * median warm time and its peak RSS (`process.resourceUsage().maxRSS`), beside the RSS it had
 * before the first call, with libvips' thread pool at its default (the machine's cores) and
 * at 1 (VIPS_CONCURRENCY=1: what a Lambda below 1,769 MB, one vCPU, gets).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";

interface Case {
  label: string;
  file: string;
  name: string;
  declaredType: string;
}

interface Measurement {
  coldMs: number;
  warmMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  inputBytes: number;
  outputBytes: number;
  thumbnailBytes: number;
  size: string;
}

const mb = (kib: number) => kib / 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** In the child: process one file `runs + 1` times and print the figures as JSON. */
async function measureOne(c: Case, runs: number): Promise<void> {
  const bytes = readFileSync(c.file);
  const rssBefore = process.resourceUsage().maxRSS;
  const { processUpload } = await import("@lianxin/functions/photo-processor");
  const upload = {
    purpose: "staff_evidence" as const,
    name: c.name,
    declaredType: c.declaredType,
    bytes,
  };
  let started = performance.now();
  const first = await processUpload(upload);
  const coldMs = performance.now() - started;
  if (!first.ok || first.kind !== "photo") throw new Error(`refused: ${JSON.stringify(first)}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await processUpload(upload);
    times.push(performance.now() - started);
  }
  const result: Measurement = {
    coldMs,
    warmMs: median(times),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(process.resourceUsage().maxRSS),
    inputBytes: bytes.length,
    outputBytes: first.image.bytes.length,
    thumbnailBytes: first.thumbnail.bytes.length,
    size: `${first.image.width} × ${first.image.height}`,
  };
  console.log(JSON.stringify(result));
}

/** Photo-like content: smooth noise (a blurred random field), not a flat colour. */
async function fixtures(dir: string): Promise<Case[]> {
  const noise = sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 50 },
    },
  });
  const jpeg = await noise.clone().blur(1.5).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(join(dir, "upright.jpg"), jpeg);
  const rotated = await sharp(jpeg)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
  writeFileSync(join(dir, "rotated.jpg"), rotated);
  // Smoother, as a screenshot or a rendered page is; a noisy 12 MP PNG is over 20 MB.
  const png = await noise.clone().blur(6).png({ compressionLevel: 6 }).toBuffer();
  writeFileSync(join(dir, "screen.png"), png);
  // The worst a photo may be: the pixel limit (64 Mi = 8192 × 8192), needing rotation.
  const largest = await sharp({
    create: {
      width: 8192,
      height: 8192,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 50 },
    },
  })
    .blur(1.5)
    .jpeg({ quality: 80 })
    .toBuffer();
  const largestRotated = await sharp(largest)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 80 })
    .toBuffer();
  writeFileSync(join(dir, "largest.jpg"), largestRotated);
  return [
    {
      label: "JPEG 4000×3000",
      file: join(dir, "upright.jpg"),
      name: "a.jpg",
      declaredType: "image/jpeg",
    },
    {
      label: "JPEG 4000×3000, orientation 6",
      file: join(dir, "rotated.jpg"),
      name: "b.jpg",
      declaredType: "image/jpeg",
    },
    {
      label: "PNG 4000×3000",
      file: join(dir, "screen.png"),
      name: "c.png",
      declaredType: "image/png",
    },
    {
      label: "JPEG 8192×8192 (the pixel limit), orientation 6",
      file: join(dir, "largest.jpg"),
      name: "d.jpg",
      declaredType: "image/jpeg",
    },
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "5" },
      one: { type: "string" },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 5);
  if (values.one) {
    await measureOne(JSON.parse(values.one) as Case, runs);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "lianxin-photos-"));
  try {
    const cases = await fixtures(dir);
    console.log(
      `node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ` +
        `${availableParallelism()} CPUs, ${runs} warm runs each\n`,
    );
    console.log(
      "| case | threads | input | output (thumbnail) | cold | warm (median) | RSS before | peak RSS |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const c of cases) {
      for (const threads of [undefined, "1"]) {
        const child = spawnSync(
          process.execPath,
          [
            "--import",
            "tsx",
            new URL(import.meta.url).pathname,
            "--runs",
            String(runs),
            "--one",
            JSON.stringify(c),
          ],
          {
            encoding: "utf8",
            env: { ...process.env, ...(threads ? { VIPS_CONCURRENCY: threads } : {}) },
          },
        );
        if (child.status !== 0) throw new Error(`${c.label}: ${child.stderr || child.stdout}`);
        const m = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as Measurement;
        console.log(
          `| ${c.label} → ${m.size} | ${threads ?? availableParallelism()} | ` +
            `${(m.inputBytes / 1024 / 1024).toFixed(1)} MB | ` +
            `${(m.outputBytes / 1024).toFixed(0)} KB (${(m.thumbnailBytes / 1024).toFixed(0)} KB) | ` +
            `${m.coldMs.toFixed(0)} ms | ${m.warmMs.toFixed(0)} ms | ` +
            `${m.rssBeforeMb.toFixed(0)} MB | ${m.peakRssMb.toFixed(0)} MB |`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
