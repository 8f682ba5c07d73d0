import type { PublicDirectory, PublicNotice, ResidentView } from "@lianxin/core";
import type { Page } from "./common.js";

/** A village of `GET /api/directory`, with its groups and contact leader. */
export type DirectoryVillage = PublicDirectory["villages"][number];
/** A category of `GET /api/directory`, with its time limits. */
export type DirectoryCategory = PublicDirectory["categories"][number];
/** One public entry of a resident's timeline. */
export type TimelineEntry = ResidentView["timeline"][number];
/** `GET /api/notices`: published close-out notices, newest first. */
export type NoticePage = Page<PublicNotice>;
