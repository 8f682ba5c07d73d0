import { DomainError } from "@lianxin/core";
import type * as z from "zod/mini";

/** Validates a request body with its schema; zod's issues become `validation_failed`. */
export function parseInput<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues);
}

/** A validation failure carrying zod's issues, worded per language by the HTTP layer. */
export class ValidationError extends DomainError {
  readonly issues: z.core.$ZodIssue[];
  constructor(issues: z.core.$ZodIssue[]) {
    super("validation_failed");
    this.issues = issues;
  }
}
