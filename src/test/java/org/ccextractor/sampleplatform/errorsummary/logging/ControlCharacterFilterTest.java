package org.ccextractor.sampleplatform.errorsummary.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

/** A text log line shows an event's values with their control characters escaped: one event, one line. */
class ControlCharacterFilterTest {

    static final PatternFormatter TEXT = new PatternFormatter("%-5p %X{event_id} %s%n");

    @Test
    void aValueWithLineBreaksCannotForgeALogLine() {
        ExtLogRecord record = record("w7-1\nERROR forged line", "bad\r\nvalue\u001b[31m\u2028");
        new ControlCharacterFilter(false).isLoggable(record);

        String line = TEXT.format(record);
        assertEquals(1, line.lines().count(), line);
        assertEquals("WARN  w7-1\\nERROR forged line Dead-lettered bad\\r\\nvalue\\u001b[31m\\u2028 (not_json) 7\n", line);
    }

    @Test
    void jsonLinesAreLeftToTheJsonFormatterWhichEscapesThemItself() {
        ExtLogRecord record = record("w7-1\n", "a\nb");
        new ControlCharacterFilter(true).isLoggable(record);
        assertEquals("a\nb", record.getParameters()[0]);
    }

    @Test
    void theConsoleHandlerUsesTheFilter() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertEquals(ControlCharacterFilter.NAME, properties.getProperty("quarkus.log.console.filter"));
    }

    @Test
    void textWithoutControlCharactersIsTheSameString() {
        String text = "w7-1 ünïcode 中文";
        assertTrue(text == ControlCharacterFilter.escape(text));
    }

    private static ExtLogRecord record(String eventId, String value) {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.WARN, "Dead-lettered %s (%s) %d", ExtLogRecord.FormatStyle.PRINTF,
                ControlCharacterFilterTest.class.getName());
        record.setParameters(new Object[] { value, "not_json", 7 });
        record.putMdc("event_id", eventId);
        return record;
    }
}
