# One image with every app of the pipeline (enrich, sink, the poller and ingest, ops), built from this checkout:
#   docker compose build
# The build stage runs the same Maven build as ./digest, without the local stack's servers.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl enrich,sink,ingest,ops -am package \
    && mkdir /apps \
    && cp enrich/target/enrich-*-app.jar sink/target/sink-*-app.jar ingest/target/ingest-*-app.jar \
          ops/target/ops-*-app.jar /apps/

FROM eclipse-temurin:21-jre
COPY --from=build /apps /app
# not root: the apps need no privilege; enrich's state volume takes the folder's owner when first mounted
RUN mkdir /state && chown 1000 /state
USER 1000
