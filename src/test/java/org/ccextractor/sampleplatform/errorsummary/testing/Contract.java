package org.ccextractor.sampleplatform.errorsummary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The public contracts in schemas/, read as they are published, to check what the code sends and gets. */
public final class Contract {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    public static final JsonSchema EVENT = schema("classpath:schemas/error-event.schema.json");
    public static final JsonSchema SUMMARY_PAGE = openApiComponent("ErrorSummaryPage");
    public static final JsonSchema ERROR = openApiComponent("Error");

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
}
