package org.ccextractor.sampleplatform.errorsummary.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP port for a process that must be told its port before it starts (a service, a broker, a PostgreSQL server):
 * drawn at random from {@link #FIRST} to {@link #LAST} until nothing listens on it, so that two test runs on one
 * machine (two clones' {@code verify}) do not meet on fixed ports. Below Linux's ephemeral range (32768 and up), from
 * which the kernel hands out the local ports of outgoing connections at any moment: a port found free there may be
 * taken by a connection before the process binds it. A port is given out once per JVM.
 */
public final class FreePort {

    static final int FIRST = 20_000;
    static final int LAST = 31_999;
    static final int ATTEMPTS = 200;

    private static final Random RANDOM = new Random();
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A port that nothing listened on, on any address, a moment ago, and that this JVM has not given out before. */
    public static int pick() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = FIRST + RANDOM.nextInt(LAST - FIRST + 1);
            if (!GIVEN.contains(port) && free(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in " + FIRST + "-" + LAST + " after " + ATTEMPTS + " attempts");
    }

    /** Whether a server could bind the port on every address (the wildcard), as a service or broker may. */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
