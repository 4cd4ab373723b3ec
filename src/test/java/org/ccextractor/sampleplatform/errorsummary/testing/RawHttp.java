package org.ccextractor.sampleplatform.errorsummary.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.ccextractor.sampleplatform.errorsummary.local.Events;

/**
 * HTTP/1.1 requests written byte for byte on a socket, for what HTTP clients would correct, re-encode or refuse
 * to send: malformed request targets, header values with tabs or odd spacing, a missing Host.
 */
public final class RawHttp {

    /** A response read until the server closed the connection (every request here asks it to). */
    public record Response(int status, Map<String, String> headers, String body) {

        /** A header's first value; names are compared in lower case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return Events.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }
    }

    private RawHttp() {
    }

    /** GET of {@code target} as it is written, with Host, Connection: close and {@code headers} (whole lines). */
    public static Response get(int port, String target, List<String> headers) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        return send(port, request.append("\r\n").toString());
    }

    /** {@code request} (request line, headers and the empty line) exactly as given, in ISO-8859-1. */
    public static Response send(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private static Response parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete response head: " + response);
        }
        String[] lines = response.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, response.substring(end + 4));
    }
}
