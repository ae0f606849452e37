# The base images are build arguments, each defaulting to a public image pinned by tag; .ci/image-check builds
# this same file with local Debian bases (--build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=...).
ARG BUILD_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre

# Build: the same shaded jar as `mvn -B package` (tests are the suite's business, not the image's)
FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY pom.xml .
# the plugin named with its version: an older Maven would otherwise bind one that cannot resolve this build
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline
COPY src src
RUN mvn -B -q package -Dmaven.test.skip=true

# Run: a JRE, the jar, and the YAML routes in /app/routes, where deploy/ mounts the routes ConfigMap over them.
# WORKDIR /app belongs to root and is not writable: the processor writes only to /tmp (deploy/ runs it with a
# read-only root file system and an emptyDir on /tmp).
FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /build/target/result-processor.jar /app/result-processor.jar
COPY routes/*.camel.yaml /app/routes/
# numeric, so that Kubernetes' runAsNonRoot can verify it without an /etc/passwd entry
USER 10001:10001
ENV HOME=/tmp
EXPOSE 8080
# the heap that LargeOutputsIT and the memory figures of docs/deployment.md were measured with; G1 named, since
# the JVM would pick the serial collector under a small container limit; exit on OutOfMemoryError, so that
# Kubernetes restarts the container rather than leaving a half-working JVM; only the JIT's first tier (C1): the
# second (C2) spent about half the processor's CPU compiling Camel's code for minutes after each start, more than
# its faster code gave back (docs/performance.md)
ENV JAVA_OPTS="-Xmx256m -XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/result-processor.jar"]
