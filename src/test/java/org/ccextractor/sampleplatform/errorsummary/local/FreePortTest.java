package org.ccextractor.sampleplatform.errorsummary.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The ports that tests give the processes they start: free, below the ephemeral range, never the same twice. */
class FreePortTest {

    @Test
    void eachPortIsFreeBelowTheEphemeralRangeAndGivenOnce() throws Exception {
        List<ServerSocket> bound = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                int port = FreePort.pick();
                assertTrue(port >= 20_000 && port < 32_768, "port " + port);
                // Kept bound, so that a port picked twice, or one in use, fails this bind.
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(port));
                bound.add(socket);
            }
        } finally {
            for (ServerSocket socket : bound) {
                socket.close();
            }
        }
    }
}
