package org.ccextractor.sampleplatform.errorsummary.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What schemas/error-event.schema.json accepts, decided independently of the service's parser: the value decoded by
 * Java's strict UTF-8 decoder, read by Jackson into a tree (numbers exactly, a property named twice or trailing data
 * refused), its strings checked against the schema's description (Unicode text without U+0000), then validated by
 * networknt's JSON Schema validator with format assertions.
 */
public final class EventContract {

    private static final JsonMapper TREE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EventContract() {
    }

    /** The value as a tree when the contract accepts it, else empty. */
    public static Optional<JsonNode> accepted(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value));
            JsonNode tree = TREE.readTree(value);
            if (tree == null || !tree.isObject() || !unicodeText(tree)) {
                return Optional.empty();
            }
            return Contract.violations(Contract.EVENT, tree).isEmpty() ? Optional.of(tree) : Optional.empty();
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Every string and property name is a sequence of Unicode scalar values other than U+0000. */
    private static boolean unicodeText(JsonNode node) {
        if (node.isTextual()) {
            return unicodeText(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!unicodeText(field.getKey()) || !unicodeText(field.getValue())) {
                return false;
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!unicodeText(item)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean unicodeText(String text) {
        return text.indexOf('\0') < 0 && text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }
}
