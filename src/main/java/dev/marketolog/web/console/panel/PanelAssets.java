package dev.marketolog.web.console.panel;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The panel's static files, from our jar: our stylesheet and script, and uPlot from its WebJar. A fixed list read once
 * at start (no directory is served), so the panel works offline and nothing else on the classpath is reachable.
 */
final class PanelAssets {

    private record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> assets;

    PanelAssets() {
        String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
        assets = Map.of(
                "panel.css", load("panel/panel.css", "text/css; charset=utf-8"),
                "panel.js", load("panel/panel.js", "text/javascript; charset=utf-8"),
                "review.js", load("panel/review.js", "text/javascript; charset=utf-8"),
                "uplot.min.js", load(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "uplot.min.css", load(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    void register(JavalinConfig config) {
        config.routes.get("/assets/{file}", this::serve);
    }

    private void serve(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw new NotFoundResponse();
        }
        ctx.header("Cache-Control", "public, max-age=3600").contentType(asset.contentType()).result(asset.bytes());
    }

    /** The WebJar's version as its Maven metadata in the jar says, so a version bump in the pom needs nothing here. */
    private static String webjarVersion(String artifact) {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static Asset load(String path, String contentType) {
        try (InputStream in = resource(path)) {
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = PanelAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the jar lacks " + path);
        }
        return in;
    }
}
