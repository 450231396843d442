/**
 * Notifications to the operator: sinks (a webhook, a Telegram bot, the accounts' Saved Messages) fed by a delivery loop
 * from the engine's {@link dev.marketolog.engine.NotificationOutbox}, and the watchers that notice what changes no row.
 */
package dev.marketolog.notify;
