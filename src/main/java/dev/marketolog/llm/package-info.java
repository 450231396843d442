/**
 * The comment writer: an OpenAI-compatible chat client ({@link dev.marketolog.llm.LlmClient}), the prompt
 * ({@link dev.marketolog.llm.CommentPrompt}), the pure normaliser and validator of drafts
 * ({@link dev.marketolog.llm.CommentPolish}) and the {@link dev.marketolog.engine.CommentWriter} that ties them
 * together ({@link dev.marketolog.llm.LlmCommentWriter}).
 */
package dev.marketolog.llm;
