package org.ccextractor.sampleplatform.errorsummary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.ccextractor.sampleplatform.errorsummary.deploy.Dockerfile;

/**
 * The JVM options of the service's image, read from src/main/docker/Dockerfile.jvm so that the benchmark measures
 * the JVM the pods run: the collector (GC_CONTAINER_OPTIONS) and JAVA_OPTS_APPEND, with the image's /deployments/
 * mapped to target/quarkus-app/, where its COPY lines take the files from. run-java.sh's other defaults are left out.
 */
final class ImageJvm {

    static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

    private ImageJvm() {
    }

    static String options() {
        try {
            Dockerfile image = Dockerfile.read(DOCKERFILE);
            return image.env("GC_CONTAINER_OPTIONS") + " "
                    + image.env("JAVA_OPTS_APPEND").replace("/deployments/", "target/quarkus-app/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
