/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The user's language: the `lang` cookie or `?lang=`, else zh-CN. */
    locale: import("./i18n/messages").Locale;
    /**
     * The session token from the httpOnly cookie. Server-only: pass it to the API client,
     * never to a template attribute or an island.
     */
    token: string | null;
    /** The signed-in staff member (from GET /api/staff/me); null on open pages or API trouble. */
    user: import("@lianxin/contract").StaffUser | null;
    /**
     * The user's unread notifications (from GET /api/staff/me, up to 100), for the badge on
     * 消息; null on open pages, API trouble, or when they could not be counted.
     */
    unread: number | null;
  }
}
