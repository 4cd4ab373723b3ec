package org.ccextractor.sampleplatform.errorsummary.logging;

import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Escapes the control characters (U+0000-U+001F, U+007F-U+009F, U+2028, U+2029) of every value a text log line
 * shows, its parameters and MDC fields, so that an event cannot forge a log line with a line break in its event id
 * or a reason quoting its value. JSON lines escape them already: then the record is left as it is. Wired to the
 * console handler in application.properties ({@code quarkus.log.console.filter}); it drops nothing.
 */
@LoggingFilter(name = ControlCharacterFilter.NAME)
public final class ControlCharacterFilter implements Filter {

    public static final String NAME = "control-characters";

    private final boolean json;

    public ControlCharacterFilter(@ConfigProperty(name = "quarkus.log.console.json.enabled", defaultValue = "false") boolean json) {
        this.json = json;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (json) {
            return true;
        }
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            Object[] escaped = parameters.clone();
            for (int i = 0; i < escaped.length; i++) {
                if (escaped[i] != null && !(escaped[i] instanceof Number) && !(escaped[i] instanceof Throwable)) {
                    escaped[i] = escape(String.valueOf(escaped[i]));
                }
            }
            record.setParameters(escaped);
        }
        if (record instanceof ExtLogRecord ext) {
            for (Map.Entry<String, String> field : ext.getMdcCopy().entrySet()) {
                ext.putMdc(field.getKey(), escape(field.getValue()));
            }
        }
        return true;
    }

    /** The text with each control character written as a Java escape ({@code \n}, {@code \u001b}). */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                if (escaped == null) {
                    escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    case '\t' -> escaped.append("\\t");
                    default -> escaped.append(String.format("\\u%04x", (int) c));
                }
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
