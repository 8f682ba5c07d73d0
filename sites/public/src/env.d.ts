/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The resident's language: the `lang` cookie or `?lang=`, else zh-CN. */
    locale: import("./i18n/messages").Locale;
    /** The page shows or sends photos: the file store is let into its CSP (middleware.ts). */
    photos?: boolean;
  }
}
