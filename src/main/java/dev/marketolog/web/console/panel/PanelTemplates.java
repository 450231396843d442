package dev.marketolog.web.console.panel;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The panel's JTE templates (src/main/jte), compiled to classes at build time: nothing is compiled at run time, and
 * every {@code ${...}} is HTML-escaped for where it stands (text, attribute, URL), so what strangers wrote (channel
 * titles, comments) is shown as text.
 */
final class PanelTemplates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(
            null, ContentType.Html, PanelTemplates.class.getClassLoader(), "dev.marketolog.web.console.panel.templates");

    /** The page {@code name} (e.g. "overview.jte") with its parameters. */
    String render(String name, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        engine.render(name, params, output);
        return output.toString();
    }

    /** The page {@code name} whose one parameter is {@code model}. */
    String render(String name, Object model) {
        StringOutput output = new StringOutput();
        engine.render(name, model, output);
        return output.toString();
    }
}
