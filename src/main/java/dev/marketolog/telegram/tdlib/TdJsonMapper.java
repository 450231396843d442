package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
                .disable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
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
        String simple = type.getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** The request as TDLib JSON, with its {@code @type}. */
    public ObjectNode encode(TdFunction<?> function) {
        ObjectNode node = mapper.valueToTree(function);
        return node;
    }

    public JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("TDLib sent JSON we cannot read: " + e.getOriginalMessage(), e);
        }
    }

    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a TDLib request", e);
        }
    }

    /** Decodes an answer or a nested object as {@code type}; null when its {@code @type} is not one of ours. */
    public <T> T decode(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("TDLib's " + node.path("@type").asText("object") + " does not decode as "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The update, when it is one we act on. */
    public Optional<TdUpdate> decodeUpdate(JsonNode node) {
        Class<?> type = updates.get(node.path("@type").asText());
        return type == null ? Optional.empty() : Optional.ofNullable((TdUpdate) decode(node, type));
    }

    /** Whether TDLib's {@code @type} names an update we act on. */
    public boolean isKnownUpdate(String type) {
        return updates.containsKey(type);
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
