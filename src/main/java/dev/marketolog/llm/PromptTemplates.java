package dev.marketolog.llm;

import dev.marketolog.config.LlmSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The system and user templates: the built-in ones, or those of PROMPT_SYSTEM_FILE and PROMPT_USER_FILE. */
public record PromptTemplates(PromptTemplate system, PromptTemplate user) {

    /**
     * Loads the templates the settings name, falling back to the built-in ones.
     *
     * @throws PromptTemplateException when a file cannot be read or uses an unknown placeholder
     */
    public static PromptTemplates load(LlmSettings settings) {
        return new PromptTemplates(
                load("PROMPT_SYSTEM_FILE", settings.promptSystemFile(), "system-prompt.txt"),
                load("PROMPT_USER_FILE", settings.promptUserFile(), "user-prompt.txt"));
    }

    /** The built-in templates. */
    public static PromptTemplates builtIn() {
        return new PromptTemplates(builtIn("system-prompt.txt"), builtIn("user-prompt.txt"));
    }

    private static PromptTemplate load(String key, Optional<Path> file, String builtIn) {
        if (file.isEmpty()) {
            return builtIn(builtIn);
        }
        String origin = key + " " + file.get();
        try {
            return PromptTemplate.parse(origin, Files.readString(file.get(), StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw new PromptTemplateException(origin + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new PromptTemplateException(origin + ": cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static PromptTemplate builtIn(String name) {
        try (InputStream in = PromptTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in prompt " + name + " is missing from the jar");
            }
            return PromptTemplate.parse("built-in " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in prompt " + name, e);
        }
    }
}
