package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Encodes requests and decodes answers and updates by TDLib's {@code @type}. The names come from the sealed types
 * themselves ({@code AuthorizationStateReady} is {@code authorizationStateReady}); types and fields we do not model
 * are ignored: an unknown {@code @type} decodes to {@code null}, and an unknown update is never decoded at all.
 */
public final class TdJsonMapper {

    /** Applied to every sealed TDLib type: the subtype is named by {@code @type}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
    private interface ByTdType {}

    private static final TdJsonMapper INSTANCE = new TdJsonMapper();

    private final ObjectMapper mapper;
    private final Map<String, Class<?>> updates;

    private TdJsonMapper() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
        sealedTypes().forEach(type -> builder.addMixIn(type, ByTdType.class));
        builder.registerSubtypes(records().map(type -> new NamedType(type, tdName(type))).toArray(NamedType[]::new));
        mapper = builder.build();
        updates = Stream.of(TdUpdate.class.getPermittedSubclasses()).collect(Collectors.toUnmodifiableMap(TdJsonMapper::tdName, c -> c));
    }

    public static TdJsonMapper get() {
        return INSTANCE;
    }

    /** TDLib's name of a type: its {@code @JsonTypeName}, else its simple name with a small first letter. */
    static String tdName(Class<?> type) {
        JsonTypeName named = type.getAnnotation(JsonTypeName.class);
        if (named != null) {
            return named.value();
        }
        return decapitalized(type.getSimpleName());
    }

    /**
     * A short name for /health and logs: the TDLib name of {@code value}'s type without the name of its {@code family},
     * e.g. {@code ready} for {@code authorizationStateReady}.
     */
    static String label(Object value, Class<?> family) {
        return decapitalized(value.getClass().getSimpleName().substring(family.getSimpleName().length()));
    }

    private static String decapitalized(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** Where a message from td_receive goes: its {@code @type}, {@code @extra} (0 for updates) and {@code @client_id}. */
    public record Envelope(String type, long extra, int clientId) {}

    /** The request as TDLib JSON, with its {@code @type}. */
    public String encode(TdFunction<?> function) {
        return write(mapper.valueToTree(function));
    }

    /** The request as TDLib JSON, with its {@code @type} and the {@code @extra} its answer will carry back. */
    public String encode(TdFunction<?> function, long extra) {
        ObjectNode node = mapper.valueToTree(function);
        node.put("@extra", extra);
        return write(node);
    }

    /**
     * Reads only the top-level {@code @type}, {@code @extra} and {@code @client_id} of {@code json}, skipping nested
     * objects, so routing costs a scan and each answer is decoded once, by whoever waits for it.
     */
    public Envelope peek(String json) {
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("TDLib sent something that is not a JSON object");
            }
            String type = "";
            long extra = 0;
            int clientId = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "@type" -> type = parser.getText();
                    case "@extra" -> extra = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    case "@client_id" -> clientId = parser.getIntValue();
                    default -> parser.skipChildren();
                }
            }
            return new Envelope(type, extra, clientId);
        } catch (IOException e) {
            throw new IllegalArgumentException("TDLib sent JSON we cannot read: " + e.getMessage(), e);
        }
    }

    /** Decodes an answer or an object as {@code type}; null when its {@code @type} is not one of ours. */
    public <T> T decode(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("TDLib's answer does not decode as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The update, when its {@code @type} is one we act on. */
    public Optional<TdUpdate> decodeUpdate(String type, String json) {
        Class<?> updateType = updates.get(type);
        return updateType == null ? Optional.empty() : Optional.ofNullable((TdUpdate) decode(json, updateType));
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a TDLib request", e);
        }
    }

    private static Stream<Class<?>> roots() {
        return Stream.of(TdObject.class, TdUpdate.class, TdFunction.class, AuthorizationState.class, ConnectionState.class);
    }

    /** Every sealed interface among our TDLib types, nested ones included. */
    private static Stream<Class<?>> sealedTypes() {
        return roots().flatMap(TdJsonMapper::withNested).filter(c -> c.isInterface() && c.isSealed()).distinct();
    }

    private static Stream<Class<?>> records() {
        return roots().flatMap(TdJsonMapper::withNested).filter(Class::isRecord).distinct();
    }

    private static Stream<Class<?>> withNested(Class<?> type) {
        return Stream.concat(Stream.of(type), Stream.of(type.getDeclaredClasses()).flatMap(TdJsonMapper::withNested));
    }
}
