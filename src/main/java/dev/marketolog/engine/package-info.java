/**
 * The commenting engine, pure: limits and the send gate, the scheduler and instant branches, the spam guard and the
 * fleet. It sees time, Telegram, the comment writer and its stores only through ports.
 */
package dev.marketolog.engine;
