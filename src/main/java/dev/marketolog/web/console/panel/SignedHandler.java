package dev.marketolog.web.console.panel;

import io.javalin.http.Context;

/** A panel handler for a signed-in browser. */
@FunctionalInterface
interface SignedHandler {
    void handle(Context ctx, PanelSession session) throws Exception;
}
