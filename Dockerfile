# Marketolog image: one process runs every account whose .env file is mounted into /app.
# Build: docker build -t marketolog .   (docker-compose.yml does it for you)

# 1. TDLib 1.8.65's libtdjson from its prebuilt npm package (no TDLib artifact exists on Maven Central).
FROM node:22-bookworm-slim AS tdlib
WORKDIR /tdlib
RUN npm pack --silent @prebuilt-tdlib/linux-x64-glibc@0.1008065.0 \
    && tar -xzf ./*.tgz package/libtdjson.so \
    && mv package/libtdjson.so /tdlib/libtdjson.so

# 2. The runnable jar. The pom is copied first so the downloaded dependencies are reused while only sources change.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY bench bench
# libtdjson comes from the first stage: the build's own fetch (profile fetch-libtdjson) is switched off here
RUN mvn -B -q package -DskipTests -P '!fetch-libtdjson'

# 3. The runtime: a JRE, the jar, libtdjson, and a non-root user owning the data directory.
FROM eclipse-temurin:25-jre
RUN groupadd --system marketolog \
    && useradd --system --gid marketolog --home-dir /app --shell /usr/sbin/nologin marketolog \
    && mkdir -p /app/lib /app/data \
    && chown marketolog:marketolog /app /app/data
WORKDIR /app
COPY --from=tdlib /tdlib/libtdjson.so /app/lib/libtdjson.so
COPY --from=build /build/target/marketolog.jar /app/marketolog.jar

ENV HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8000 \
    DATA_DIR=/app/data \
    TDJSON_PATH=/app/lib/libtdjson.so
VOLUME /app/data
EXPOSE 8000
USER marketolog

# The JRE image has no curl; bash's /dev/tcp is enough to ask /health and read the status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/marketolog.jar"]
CMD ["serve"]
