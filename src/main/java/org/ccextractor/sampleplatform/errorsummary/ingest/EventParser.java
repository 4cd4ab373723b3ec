package org.ccextractor.sampleplatform.errorsummary.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.ccextractor.sampleplatform.errorsummary.config.ErrorSummaryConfig;
import org.ccextractor.sampleplatform.errorsummary.counters.WireNames;
import org.ccextractor.sampleplatform.errorsummary.ingest.InvalidEventException.Reason;

/** Turns a record value into an {@link ErrorEvent}, checked against the published event schema. */
@ApplicationScoped
public class EventParser {

    /** The contract in schemas/, copied onto the class path by the build: one definition, not a copy. */
    static final String SCHEMA = "classpath:schemas/error-event.schema.json";

    private static final List<String> KINDS = Arrays.stream(ErrorEvent.Kind.values()).map(WireNames::of).toList();

    private final ObjectMapper mapper;
    private final ObjectReader treeReader;
    private final JsonSchema schema;
    private final int maxBytes;

    public EventParser(ObjectMapper mapper, ErrorSummaryConfig config) {
        this.mapper = mapper;
        // A value with trailing data or a duplicated property is ambiguous: reject it rather than guess.
        this.treeReader = mapper.readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                SchemaLocation.of(SCHEMA),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        this.maxBytes = config.ingest().maxEventBytes();
    }

    /** Says whether the bytes are not UTF-8 at all or UTF-8 but not JSON; checked only once parsing failed. */
    private static InvalidEventException notJson(byte[] value, IOException e) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException notUtf8) {
            return new InvalidEventException(Reason.NOT_UTF8, "The value is not UTF-8 text.");
        }
        String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new InvalidEventException(Reason.NOT_JSON, "The value is not JSON: " + detail);
    }

    public ErrorEvent parse(byte[] value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(Reason.NO_VALUE, "The record has no value (a tombstone).");
        }
        if (value.length > maxBytes) {
            throw new InvalidEventException(Reason.TOO_LARGE,
                    "The value has " + value.length + " bytes; at most " + maxBytes + " are accepted.");
        }
        JsonNode node;
        try {
            node = treeReader.readValue(value);
        } catch (IOException e) {
            throw notJson(value, e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(Reason.NOT_AN_OBJECT, "The value is JSON but not an object.");
        }
        JsonNode kind = node.get("kind");
        if (kind != null && kind.isTextual() && !KINDS.contains(kind.asText())) {
            throw new InvalidEventException(Reason.UNKNOWN_KIND,
                    "Unknown kind \"" + kind.asText() + "\"; known kinds are " + String.join(", ", KINDS) + ".");
        }
        Set<ValidationMessage> violations = schema.validate(node);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(Reason.SCHEMA_VIOLATION, violations.stream()
                    .map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        try {
            return mapper.treeToValue(node, ErrorEvent.class);
        } catch (JsonProcessingException e) {
            // The schema admits it but Java cannot hold it, e.g. a date-time that the schema's format allows.
            throw new InvalidEventException(Reason.SCHEMA_VIOLATION, "The value cannot be read: " + e.getOriginalMessage());
        }
    }
}
