package org.ccextractor.sampleplatform.errorsummary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.format.DateTimeFormat;

/** The public contracts in schemas/, read as they are published, to check what the code sends and gets. */
public final class Contract {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012()).format(new Rfc3339DateTime(new DateTimeFormat())).build())
            .build();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    public static final JsonSchema EVENT = schema("classpath:schemas/error-event.schema.json");
    public static final JsonSchema SUMMARY_PAGE = openApiComponent("ErrorSummaryPage");
    public static final JsonSchema COMPARISON = openApiComponent("ErrorSummaryComparison");
    public static final JsonSchema ERROR = openApiComponent("Error");
    public static final JsonSchema UNAUTHORIZED = openApiComponent("Unauthorized");

    private Contract() {
    }

    private static JsonSchema openApiComponent(String name) {
        return schema("classpath:schemas/openapi.yaml#/components/schemas/" + name);
    }

    private static JsonSchema schema(String location) {
        return FACTORY.getSchema(SchemaLocation.of(location), CONFIG);
    }

    public static Set<ValidationMessage> violations(JsonSchema schema, JsonNode node) {
        return schema.validate(node);
    }

    public static void assertValid(JsonSchema schema, JsonNode node) {
        assertEquals(Set.of(), violations(schema, node), () -> "not valid against " + schema.getSchemaLocation() + ": " + node);
    }

    /**
     * {@code format: date-time} as JSON Schema defines it, RFC 3339's date-time (2020-12 validation, section 7.3.1).
     * networknt checks it with ethlo's ITU, which refuses two things RFC 3339's grammar allows and gives a meaning:
     * the offset -00:00 (section 4.3: the time in UTC is known, the local offset not) and second 60 other than in UTC on
     * a date in its table of past leap seconds (section 5.6 allows time-second 60 in any time; 5.7 leaves which are
     * real to a table that changes). Each is checked as its neighbour, +00:00 and second 59: the calendar and the rest
     * of the grammar stay networknt's own check.
     */
    private record Rfc3339DateTime(Format networknt) implements Format {
        private static final Pattern LEAP_SECOND = Pattern.compile("(?<=^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:)60");
        private static final Pattern UNKNOWN_OFFSET = Pattern.compile("-00:00$");

        @Override
        public String getName() {
            return networknt.getName();
        }

        @Override
        public String getMessageKey() {
            return networknt.getMessageKey();
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            String neighbour = UNKNOWN_OFFSET.matcher(LEAP_SECOND.matcher(value).replaceFirst("59")).replaceFirst("+00:00");
            return networknt.matches(context, neighbour);
        }
    }
}
