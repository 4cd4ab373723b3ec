package org.ccextractor.sampleplatform.errorsummary.local;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the test JVM's shared broker and database ({@link LocalInfrastructure#shared()}) when its test session ends,
 * while the JVM still runs its tests' framework: stopping them in a shutdown hook made the forked JVM exit with an
 * error. Registered in META-INF/services.
 */
public class SharedInfrastructureSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        LocalInfrastructure.stopShared();
    }
}
