# Build: the same shaded jar as `mvn -B package`
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# Run: a JRE, a non-root user, the jar, and the YAML routes in /app/routes (mount over it to change the flow)
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin processor
WORKDIR /app
COPY --from=build /build/target/result-processor.jar /app/result-processor.jar
COPY routes /app/routes
USER 10001
EXPOSE 8080
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/result-processor.jar"]
