/**
 * The operator console: its security (the token, throttled attempts, response headers), the admin API under
 * {@code /api/v1}, and the hook the panel's pages plug into ({@link dev.marketolog.web.console.Console}). It exists
 * only when ADMIN_TOKEN is strong; otherwise none of its routes is registered and each answers 404.
 */
package dev.marketolog.web.console;
