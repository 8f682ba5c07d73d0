import type { Notification } from "@lianxin/core";

/**
 * Delivers notifications beyond the inbox. The outbox items are written with the change
 * that caused them (so nothing is lost); a sender then delivers them by SMS or e-mail.
 * None is configured yet: the inbox in the staff site is the delivery.
 */
export interface NotificationSender {
  readonly name: string;
  deliver(notifications: Notification[]): Promise<void>;
}

export const inboxOnlySender: NotificationSender = {
  name: "inbox-only",
  async deliver() {
    // The staff site's inbox reads the outbox directly.
  },
};
