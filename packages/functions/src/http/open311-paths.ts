import { DomainError, type Open311Format } from "@lianxin/core";

/**
 * What the route list and the app need of Open311 before any Open311 request arrives: the
 * format of a path and the two errors of its own. The formatting (open311.ts) loads later.
 */

/** The format a path asks for: `….json` is JSON, anything else the spec's default, XML. */
export function open311FormatOf(path: string): Open311Format {
  return path.endsWith(".json") ? "json" : "xml";
}

/** `LS-2026-000123.json` → its id and format; null without a known format. */
export function splitFormatted(segment: string): { id: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(segment);
  return match ? { id: match[1] as string, format: match[2] as Open311Format } : null;
}

/** Thrown for a token lookup: ids are immediate here, so no token ever exists. */
export class UnknownTokenError extends DomainError {
  constructor() {
    super("not_found");
  }
}

/** A known Open311 path with a method it does not take. */
export class MethodNotAllowedError extends DomainError {
  constructor() {
    super("validation_failed");
  }
}
