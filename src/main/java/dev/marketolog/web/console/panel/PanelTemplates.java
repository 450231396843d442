package dev.marketolog.web.console.panel;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.Map;

/**
 * The panel's JTE templates (src/main/jte), compiled to classes at build time: nothing is compiled at run time, and
 * every {@code ${...}} is HTML-escaped for where it stands (text, attribute, URL), so what strangers wrote (channel
 * titles, comments) is shown as text. Pages are rendered straight to UTF-8 bytes: the overview of a thousand accounts
 * is about a megabyte, and building it as a Java string first (UTF-16 once it holds a non-Latin character) and encoding
 * it afterwards cost more than the rendering itself.
 */
final class PanelTemplates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(
            null, ContentType.Html, PanelTemplates.class.getClassLoader(), "dev.marketolog.web.console.panel.templates");

    /** The page {@code name} (e.g. "overview.jte") with its parameters, in UTF-8. */
    byte[] render(String name, Map<String, Object> params) {
        Utf8ByteOutput output = new Utf8ByteOutput();
        engine.render(name, params, output);
        return output.toByteArray();
    }

    /** The page {@code name} whose one parameter is {@code model}, in UTF-8. */
    byte[] render(String name, Object model) {
        Utf8ByteOutput output = new Utf8ByteOutput();
        engine.render(name, model, output);
        return output.toByteArray();
    }
}
