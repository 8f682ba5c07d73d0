/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The resident's language: the `lang` cookie or `?lang=`, else zh-CN. */
    locale: import("./i18n/messages").Locale;
  }
}
