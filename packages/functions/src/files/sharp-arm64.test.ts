import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The photo processor runs on arm64 Lambda; these machines are x64. packages/functions
 * depends on sharp's arm64 add-on and libvips directly (README, "sharp on arm64 Lambda"), so
 * that pnpm installs them on any machine: they must be there, at the versions sharp itself
 * names, and the add-on must find libvips where it will be packaged (its sibling under
 * `node_modules/@img/`).
 */
const require = createRequire(import.meta.url);
const manifest = (spec: string) => {
  const file = require.resolve(spec);
  return { dir: dirname(file), json: JSON.parse(readFileSync(file, "utf8")) };
};

describe("sharp's arm64 build in packages/functions", () => {
  const sharp = manifest(join(dirname(require.resolve("sharp")), "..", "package.json"));
  const addOn = manifest("@img/sharp-linux-arm64/package");
  const libvips = manifest("@img/sharp-libvips-linux-arm64/package");
  const own = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

  it("is installed at the versions sharp names", () => {
    const wanted = sharp.json.optionalDependencies as Record<string, string>;
    expect(addOn.json.version).toBe(wanted["@img/sharp-linux-arm64"]);
    expect(libvips.json.version).toBe(wanted["@img/sharp-libvips-linux-arm64"]);
    expect(own.dependencies["@img/sharp-linux-arm64"]).toBe(addOn.json.version);
    expect(own.dependencies["@img/sharp-libvips-linux-arm64"]).toBe(libvips.json.version);
    expect(own.dependencies.sharp).toBe(sharp.json.version);
  });

  it("holds the add-on and libvips, the add-on looking for libvips beside it", () => {
    const node = join(addOn.dir, "lib", `sharp-linux-arm64-${addOn.json.version}.node`);
    expect(existsSync(node)).toBe(true);
    const binary = libvips.json.exports["./binary"] as string;
    expect(binary).toMatch(/^\.\/lib\/libvips-cpp\.so\.[\d.]+$/);
    expect(existsSync(join(libvips.dir, binary))).toBe(true);
    // An ELF for AArch64 (e_machine 183), whose RPATH names the sibling package.
    const elf = readFileSync(node);
    expect(elf.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
    expect(elf.readUInt16LE(18)).toBe(183);
    expect(elf.includes(Buffer.from("$ORIGIN/../../sharp-libvips-linux-arm64/lib"))).toBe(true);
    expect(elf.includes(Buffer.from(binary.replace("./lib/", "")))).toBe(true);
  });
});
