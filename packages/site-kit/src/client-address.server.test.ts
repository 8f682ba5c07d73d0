import { describe, expect, it } from "vitest";
import {
  clientAddressOf,
  normalizeAddress,
  parseTrustedProxies,
  trustedProxies,
} from "./client-address.server.js";

const none = trustedProxies([]);
const loopback = trustedProxies(["127.0.0.1", "::1"]);
const privateNets = trustedProxies(["10.0.0.0/8", "192.168.0.0/16", "fd00::/8", "127.0.0.1"]);

describe("normalizeAddress", () => {
  it("keeps bare IPv4 and IPv6 addresses, IPv6 in lower case", () => {
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeAddress("2001:DB8::1")).toBe("2001:db8::1");
  });

  it("drops ports, brackets and zones; maps IPv4 on a dual-stack socket back to IPv4", () => {
    expect(normalizeAddress("203.0.113.7:4711")).toBe("203.0.113.7");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("refuses what is no address", () => {
    for (const value of ["", "unknown", "_hidden", "203.0.113", "1.2.3.4.5", "example.com"]) {
      expect(normalizeAddress(value), value).toBeNull();
    }
    expect(normalizeAddress(undefined)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and CIDR ranges, separated by commas or spaces; none by default", () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies("  ")).toEqual([]);
    expect(parseTrustedProxies("10.0.0.0/8,127.0.0.1 , fd00::/8  ::1")).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
      "fd00::/8",
      "::1",
    ]);
  });

  it("refuses names, ports, bad prefixes and half addresses, naming them", () => {
    for (const bad of [
      "proxy.local",
      "10.0.0.1:8080",
      "[::1]",
      "10.0.0.0/33",
      "fd00::/129",
      "10.0.0.0/",
      "10.0.0.0/8/8",
      "10.0.0",
      "::ffff:10.0.0.0/95",
    ]) {
      expect(() => parseTrustedProxies(`127.0.0.1, ${bad}`), bad).toThrow(
        `LIANXIN_TRUSTED_PROXIES: not an IP address or CIDR range: ${bad}`,
      );
    }
  });
});

describe("trustedProxies", () => {
  it("matches IPv4 and IPv6 addresses and ranges, each in its own family", () => {
    expect(privateNets.has("10.1.2.3")).toBe(true);
    expect(privateNets.has("11.0.0.1")).toBe(false);
    expect(privateNets.has("192.168.255.255")).toBe(true);
    expect(privateNets.has("fd12:3456::1")).toBe(true);
    expect(privateNets.has("fe80::1")).toBe(false);
    expect(privateNets.has("::1")).toBe(false);
    expect(loopback.has("::1")).toBe(true);
    expect(none.has("127.0.0.1")).toBe(false);
  });

  it("takes an IPv4-mapped entry as the IPv4 address or range it means", () => {
    const mapped = trustedProxies(parseTrustedProxies("::ffff:10.0.0.0/104, ::ffff:127.0.0.1"));
    expect(mapped.has("10.200.0.1")).toBe(true);
    expect(mapped.has("11.0.0.1")).toBe(false);
    expect(mapped.has("127.0.0.1")).toBe(true);
  });
});

describe("clientAddressOf", () => {
  it("with no trusted proxy, is the socket's peer and ignores X-Forwarded-For", () => {
    expect(clientAddressOf("198.51.100.66", "127.0.0.1", none)).toBe("127.0.0.1");
    expect(clientAddressOf("198.51.100.66, 10.0.0.1", "203.0.113.7", none)).toBe("203.0.113.7");
    expect(clientAddressOf(undefined, "::ffff:203.0.113.7", none)).toBe("203.0.113.7");
    expect(clientAddressOf(undefined, "2001:db8::7", none)).toBe("2001:db8::7");
  });

  it("ignores the header from a peer that is not a trusted proxy (a spoofed header)", () => {
    expect(clientAddressOf("198.51.100.66", "203.0.113.7", privateNets)).toBe("203.0.113.7");
    expect(clientAddressOf("10.0.0.1", "2001:db8::7", privateNets)).toBe("2001:db8::7");
  });

  it("behind one trusted proxy, is the address that proxy appended", () => {
    expect(clientAddressOf("203.0.113.7", "127.0.0.1", loopback)).toBe("203.0.113.7");
    expect(clientAddressOf("2001:db8::7", "::1", loopback)).toBe("2001:db8::7");
    expect(clientAddressOf("[2001:db8::7]:51234", "::1", loopback)).toBe("2001:db8::7");
  });

  it("never believes what the client wrote left of the proxies' entries", () => {
    // The client sent "X-Forwarded-For: 198.51.100.66, 10.9.9.9"; our proxy appended its peer.
    expect(clientAddressOf("198.51.100.66, 10.9.9.9, 203.0.113.7", "10.0.0.2", privateNets)).toBe(
      "203.0.113.7",
    );
    // The same forgery as two header lines (Node joins them; an array is taken in order).
    expect(clientAddressOf(["198.51.100.66", "203.0.113.7"], "::ffff:127.0.0.1", privateNets)).toBe(
      "203.0.113.7",
    );
  });

  it("walks a chain of trusted proxies from the right, over IPv4 and IPv6 hops", () => {
    expect(
      clientAddressOf("198.51.100.66, 2001:db8::7, fd00::5, 10.0.0.3", "10.0.0.2", privateNets),
    ).toBe("2001:db8::7");
    expect(clientAddressOf("203.0.113.7,192.168.1.1,10.0.0.3", "10.0.0.2", privateNets)).toBe(
      "203.0.113.7",
    );
  });

  it("with every hop trusted, is the leftmost; with none given, the proxy itself", () => {
    expect(clientAddressOf("10.0.0.9, 10.0.0.3", "10.0.0.2", privateNets)).toBe("10.0.0.9");
    expect(clientAddressOf(undefined, "10.0.0.2", privateNets)).toBe("10.0.0.2");
    expect(clientAddressOf(" , ", "10.0.0.2", privateNets)).toBe("10.0.0.2");
  });

  it("stops at an entry that is no address, at the nearest hop known to be true", () => {
    expect(clientAddressOf("203.0.113.7, unknown, 10.0.0.3", "10.0.0.2", privateNets)).toBe(
      "10.0.0.3",
    );
    expect(clientAddressOf("garbage", "127.0.0.1", loopback)).toBe("127.0.0.1");
  });

  it("is null only when the socket has no address", () => {
    expect(clientAddressOf("203.0.113.7", undefined, loopback)).toBeNull();
    expect(clientAddressOf("203.0.113.7", "", none)).toBeNull();
  });
});
