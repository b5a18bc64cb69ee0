# polyshop in a container: a multi-stage build (the Rust toolchain only in the first stage) and a
# small Debian runtime image running as an unprivileged user.
#
#   docker build -t polyshop .
#   docker run --rm -p 8080:8080 -v polyshop-data:/data polyshop serve --demo
#
# With PostgreSQL: `docker compose up --build` (compose.yaml).

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin polyshop \
    && cp target/release/polyshop /usr/local/bin/polyshop

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --create-home polyshop
COPY --from=build /usr/local/bin/polyshop /usr/local/bin/polyshop
USER polyshop
WORKDIR /data
# SQLite in the volume unless DATABASE_URL names a PostgreSQL database; uploads beside it.
ENV POLYSHOP_BIND=0.0.0.0:8080 \
    DATABASE_URL=sqlite:///data/polyshop.sqlite3 \
    POLYSHOP_STORAGE_DIR=/data/storage \
    POLYSHOP_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
# `serve` stops cleanly on SIGTERM (what `docker stop` sends), finishing requests in flight.
ENTRYPOINT ["polyshop"]
CMD ["serve"]
