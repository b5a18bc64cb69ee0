#!/usr/bin/env bash
# polyshop's benchmark instrument: one command from a fresh Debian machine to bench/results.json,
# bench/results.md and the "Last results" section of bench/README.md.
#
#   bench/run.sh [--profile small|medium|large] [--quick] [--no-build]
#   bench/run.sh --filters small,medium[,large] [--quick] [--no-build]
#
# The second form measures the catalog list under filters and sorts on each profile in turn
# (p50/p99, growth between profiles, PostgreSQL query plans) into bench/filters.json and
# bench/filters.md; large is seeded on PostgreSQL only.
#
# It installs what it lacks (apt), builds polyshop (release) and the bare poem server
# bench/hello, seeds a SQLite and a PostgreSQL database, starts the servers, measures with wrk
# and pgbench, and writes every figure with the load average read just before it.
#
# The machine is small and shared (2 cores, other work running), so absolute req/s move from
# run to run; ratios of measurements taken close together, interleaved A/B, are what to read.
# bench/README.md explains each figure.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
WRK_SCRIPTS=$BENCH_DIR/wrk

PROFILE=small
QUICK=0
BUILD=1
FILTER_PROFILES=""

usage() {
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    echo "Environment: CARGO_TARGET_DIR (default \$HOME/.cache/polyshop-bench-target),"
    echo "  BENCH_POLYSHOP (a polyshop binary to measure instead of the one built here),"
    echo "  PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres), BENCH_PG_DB (default polyshop_bench),"
    echo "  BENCH_KEEP=1 keeps the work directory and the PostgreSQL database."
}

while (($#)); do
    case $1 in
        --profile) PROFILE=${2:?--profile needs small, medium or large}; shift 2 ;;
        --profile=*) PROFILE=${1#--profile=}; shift ;;
        --quick) QUICK=1; shift ;;
        --filters) FILTER_PROFILES=${2:?--filters needs profiles, e.g. small,medium}; shift 2 ;;
        --filters=*) FILTER_PROFILES=${1#--filters=}; shift ;;
        --no-build) BUILD=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case $PROFILE in small | medium | large) ;; *) echo "--profile must be small, medium or large" >&2; exit 2 ;; esac

# Same client count everywhere (wrk connections = pgbench clients), so ratios compare like with like.
THREADS=2
CONNECTIONS=16
if ((QUICK)); then DURATION=2; RUNS=1; else DURATION=5; RUNS=3; fi
# Checkout places each prepared cart once: one run; the mixed load's paced runs last a minute.
if ((QUICK)); then CHECKOUT_SECONDS=2; MIXED_SECONDS=5; HOT_SECONDS=2; else CHECKOUT_SECONDS=3; MIXED_SECONDS=60; HOT_SECONDS=3; fi
PGBENCH_SECONDS=$((QUICK ? 2 : 10))

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PG_DB=${BENCH_PG_DB:-polyshop_bench}
PG_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$PG_DB"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/polyshop-bench-target}
POLYSHOP=${BENCH_POLYSHOP:-$CARGO_TARGET_DIR/release/polyshop}
HELLO=$BENCH_DIR/hello/target/release/polyshop-bench-hello

WORK=$(mktemp -d "${TMPDIR:-/tmp}/polyshop-bench.XXXXXX")
SQLITE_URL="sqlite://$WORK/bench.sqlite3?mode=rwc"
RUNS_DIR=$WORK/runs
MEASUREMENTS=$WORK/measurements.jsonl
mkdir -p "$RUNS_DIR"
: >"$MEASUREMENTS"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf '\033[33mwarning: %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# --- clean-up: every server this script started is stopped, whatever happens -----------------

PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ ${BENCH_KEEP:-0} == 1 || $status != 0 ]]; then
        echo "work directory kept: $WORK (server logs, captured SQL, raw wrk output)" >&2
    else
        rm -rf "$WORK"
        dropdb --if-exists --force "$PG_DB" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -------------------------------------------------------------------------------------

# Installs with apt what is missing. pgbench ships with the PostgreSQL server packages on Debian
# (postgresql-contrib pulls them in); sqlite3 tops up stock on the SQLite database.
ensure_tools() {
    local need=()
    command -v wrk >/dev/null || need+=(wrk)
    command -v pgbench >/dev/null || need+=(postgresql-contrib)
    command -v psql >/dev/null || need+=(postgresql-client)
    command -v jq >/dev/null || need+=(jq)
    command -v curl >/dev/null || need+=(curl)
    command -v sqlite3 >/dev/null || need+=(sqlite3)
    ((${#need[@]})) || return 0
    log "installing ${need[*]}"
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
}

# PostgreSQL 15 is expected at $PGHOST:$PGPORT with trust auth; start the cluster if it is down.
ensure_postgres() {
    pg_isready -q && return 0
    log "starting PostgreSQL"
    local version
    # shellcheck disable=SC2012 # version directories: plain names
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    [[ -n $version ]] || die "no PostgreSQL cluster in /etc/postgresql (install postgresql)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 50); do pg_isready -q && return 0; sleep 0.2; done
    die "PostgreSQL does not answer at $PGHOST:$PGPORT"
}

build() {
    if ((BUILD)); then
        if [[ -n ${BENCH_POLYSHOP:-} ]]; then
            log "BENCH_POLYSHOP is set: measuring $POLYSHOP, not building polyshop"
        else
            log "building polyshop (release, CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
            (cd "$ROOT" && cargo build --release --bin polyshop)
        fi
        if [[ -z $FILTER_PROFILES ]]; then
            log "building bench/hello (release)"
            # Its own target dir: it is not a member of the root workspace.
            (cd "$BENCH_DIR/hello" && CARGO_TARGET_DIR="$BENCH_DIR/hello/target" cargo build --release)
        fi
    fi
    [[ -x $POLYSHOP ]] || die "$POLYSHOP is missing (run without --no-build)"
    [[ -n $FILTER_PROFILES || -x $HELLO ]] || die "$HELLO is missing (run without --no-build)"
}

# --- databases ---------------------------------------------------------------------------------

SEEDED_WITH=""

# seed URL: loads the profile's generated catalog; falls back to the demo dataset while
# `seed --profile` does not exist yet (clap answers "unexpected argument").
seed() {
    local url=$1 out
    if out=$(DATABASE_URL=$url POLYSHOP_LOG=warn "$POLYSHOP" seed --profile "$PROFILE" 2>&1); then
        SEEDED_WITH="profile $PROFILE"
        return 0
    fi
    if grep -q "unexpected argument" <<<"$out"; then
        warn "this polyshop has no \`seed --profile\`: seeding the demo dataset instead (figures are for the demo catalog, not profile $PROFILE)"
        DATABASE_URL=$url POLYSHOP_LOG=warn "$POLYSHOP" seed --demo >/dev/null 2>"$WORK/seed.log" ||
            { cat "$WORK/seed.log" >&2; die "seed --demo failed"; }
        SEEDED_WITH="demo (fallback: no seed --profile)"
        return 0
    fi
    echo "$out" >&2
    die "seed --profile $PROFILE failed"
}

# sql TARGET STATEMENT: runs one statement on the SQLite or PostgreSQL database, rows on stdout
# separated by `|`.
sql() {
    case $1 in
        sqlite) sqlite3 "$WORK/bench.sqlite3" "$2" ;;
        postgres) psql -X -q -A -t -d "$PG_DB" -c "$2" ;;
    esac
}

declare -A STOREFRONT_KEY BASIC_AUTH ORDER_IDS BASE PID
# Every enabled top-level product (comma-separated), for product pages spread over the catalog.
PRODUCT_IDS=""

# Creates the credentials the benchmark sends: an unlimited storefront key (Bagisto) and an
# administrator (CS-Cart Basic auth).
credentials() {
    local target=$1 url=$2 key admin
    key=$(DATABASE_URL=$url POLYSHOP_LOG=warn "$POLYSHOP" storefront-keys create --name bench --rate-limit unlimited | jq -r .key)
    admin=$(DATABASE_URL=$url POLYSHOP_LOG=warn "$POLYSHOP" admins create --email bench@example.com --name Bench)
    STOREFRONT_KEY[$target]=$key
    BASIC_AUTH[$target]="Basic $(jq -j '"\(.email):\(.api_key)"' <<<"$admin" | base64 -w0)"
}

prepare_databases() {
    log "seeding SQLite ($WORK/bench.sqlite3)"
    seed "$SQLITE_URL"
    credentials sqlite "$SQLITE_URL"
    log "seeding PostgreSQL ($PG_DB)"
    PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists --force "$PG_DB"
    createdb "$PG_DB"
    seed "$PG_URL"
    credentials postgres "$PG_URL"
}

# --- servers -----------------------------------------------------------------------------------

# A port nothing listens on (a connection to it is refused).
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# wait_http URL PID LOG: until URL answers 200, or fail showing the log if the process died.
wait_http() {
    local url=$1 pid=$2 logfile=$3
    for _ in $(seq 300); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { tail -20 "$logfile" >&2; die "server for $url exited"; }
        sleep 0.1
    done
    tail -20 "$logfile" >&2
    die "$url did not answer in 30 s"
}

# start_polyshop NAME DATABASE_URL [POLYSHOP_LOG [extra global args]]: BASE[NAME], PID[NAME].
start_polyshop() {
    local name=$1 url=$2 level=${3:-warn} port
    shift $(($# < 3 ? $# : 3))
    port=$(free_port)
    DATABASE_URL=$url POLYSHOP_LOG=$level "$POLYSHOP" "$@" serve --bind "127.0.0.1:$port" \
        >"$WORK/$name.out" 2>"$WORK/$name.log" &
    PID[$name]=$!
    PIDS+=("$!")
    BASE[$name]="http://127.0.0.1:$port"
    wait_http "${BASE[$name]}/readyz" "${PID[$name]}" "$WORK/$name.log"
}

start_hello() {
    local port
    port=$(free_port)
    "$HELLO" "127.0.0.1:$port" >"$WORK/hello.log" 2>&1 &
    PID[hello]=$!
    PIDS+=("$!")
    BASE[hello]="http://127.0.0.1:$port"
    wait_http "${BASE[hello]}/" "${PID[hello]}" "$WORK/hello.log"
}

stop_server() {
    local pid=${PID[$1]}
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/${PID[$1]}/status"; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- order placement set-up ---------------------------------------------------------------------

# Picks up to 8 simple, enabled, stock-managed products, tops their stock up to 10^9 (orders
# take stock; a benchmark that runs it out would measure 400s), and keeps those that one real
# order accepts.
prepare_orders() {
    local target=$1 candidates id status ok=()
    ORDER_IDS[$target]=""
    candidates=$(sql "$target" "SELECT p.id FROM products p JOIN product_inventories i ON i.product_id = p.id
        WHERE p.type = 'simple' AND p.status AND p.manage_stock AND p.parent_id IS NULL
        GROUP BY p.id ORDER BY SUM(i.qty) DESC, p.id LIMIT 8")
    [[ -n $candidates ]] || { warn "$target: no simple product with stock: no write benchmark"; return 0; }
    sql "$target" "UPDATE product_inventories SET qty = 1000000000 WHERE product_id IN ($(paste -sd, <<<"$candidates"))"
    for id in $candidates; do
        status=$(curl -sS -o "$WORK/order-check.json" -w '%{http_code}' -X POST \
            -H "Authorization: ${BASIC_AUTH[$target]}" -H 'Content-Type: application/json' \
            --data "$(order_body "$id")" "${BASE[$target]}/api/stores/1/orders")
        if [[ $status == 201 ]]; then
            ok+=("$id")
        else
            warn "$target: an order of product $id answers $status: $(head -c 300 "$WORK/order-check.json")"
        fi
    done
    ORDER_IDS[$target]=$(IFS=,; echo "${ok[*]}")
    [[ -n ${ORDER_IDS[$target]} ]] || warn "$target: no product can be ordered: no write benchmark"
}

# The body order.lua sends (keep the two in step).
order_body() {
    printf '{"user_id": 0, "payment_id": 1, "shipping_id": 1, "products": {"1": {"product_id": "%s", "amount": 1}}, "user_data": {"email": "bench@example.com", "b_firstname": "B", "b_lastname": "Ench", "b_address": "1 Main St", "b_city": "Paris", "b_country": "FR", "b_zipcode": "75001"}}' "$1"
}

# --- wrk -------------------------------------------------------------------------------------------

# wrk_once FILE URL [wrk args]: one wrk run, appended to FILE as a JSON line: req/s, latency
# percentiles in ms, errors, and the load average read just before.
wrk_once() {
    local file=$1 url=$2 before raw
    shift 2
    before=$(cat /proc/loadavg)
    raw=$(wrk -t"$THREADS" -c"${WRK_CONNECTIONS:-$CONNECTIONS}" -d"${WRK_DURATION:-$DURATION}s" --timeout 10s --latency "$@" "$url")
    echo "$raw" >>"${file%.jsonl}.txt"
    awk -v loadavg="$before" '
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v + 0
        }
        /^ +50%/ { p50 = ms($2) } /^ +75%/ { p75 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /^Latency p95:/ { p95 = ms($3) }
        /requests in/ { requests = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { gsub(/,/, ""); socket = $4 + $6 + $8 + $10 }
        END {
            printf "{\"rps\":%s,\"requests\":%d,\"p50_ms\":%s,\"p75_ms\":%s,\"p90_ms\":%s,\"p95_ms\":%s,\"p99_ms\":%s,\"non_2xx\":%d,\"socket_errors\":%d,\"loadavg_before\":\"%s\"}\n",
                rps + 0, requests, p50 + 0, p75 + 0, p90 + 0, (p95 == "" ? "null" : p95 + 0), p99 + 0, non2xx, socket, loadavg
        }' <<<"$raw" >>"$file"
}

# run_case ID TARGET: one wrk run of measurement ID against server TARGET.
run_case() {
    local id=$1 target=$2 file="$RUNS_DIR/$1.$2.jsonl" base=${BASE[$2]}
    local key="X-STOREFRONT-KEY: ${STOREFRONT_KEY[$2]:-}"
    case $id in
        hello) wrk_once "$file" "$base/" ;;
        healthz) wrk_once "$file" "$base/healthz" ;;
        rest_product) wrk_once "$file" "$base/api/shop/products/1" -H "$key" ;;
        rest_product_spread) BENCH_PRODUCT_IDS=$PRODUCT_IDS wrk_once "$file" "$base" -H "$key" \
            -s "$WRK_SCRIPTS/product_spread.lua" ;;
        rest_list) wrk_once "$file" "$base/api/shop/products?per_page=20" -H "$key" ;;
        graphql_product) wrk_once "$file" "$base/api/graphql" -H "$key" -s "$WRK_SCRIPTS/graphql_product.lua" ;;
        graphql_list) wrk_once "$file" "$base/api/graphql" -H "$key" -s "$WRK_SCRIPTS/graphql_list.lua" ;;
        order) BENCH_ORDER_PRODUCT_IDS=${ORDER_IDS[$2]} wrk_once "$file" "$base/api/stores/1/orders" \
            -H "Authorization: ${BASIC_AUTH[$2]}" -s "$WRK_SCRIPTS/order.lua" ;;
        checkout) BENCH_CHECKOUT_TOKENS=$WORK/checkout-tokens.$2 BENCH_THREADS=$THREADS WRK_DURATION=$CHECKOUT_SECONDS \
            wrk_once "$file" "$base/api/shop/checkout-orders" -H "$key" -s "$WRK_SCRIPTS/checkout.lua" ;;
        *) die "unknown case $id" ;;
    esac
}

# interleave ID:TARGET...: RUNS rounds, each running every case once, so slow drifts of the
# shared machine's load fall on every side of a ratio alike.
interleave() {
    local round pair
    for round in $(seq "$RUNS"); do
        for pair in "$@"; do
            echo "    round $round/$RUNS: ${pair%%:*} on ${pair#*:}" >&2
            run_case "${pair%%:*}" "${pair#*:}"
        done
    done
}

# check ID TARGET: one request through curl before measuring, so a benchmark never times 401s
# or 404s. Prints the status and fails on anything but 2xx.
check() {
    local id=$1 target=$2 base=${BASE[$2]} key="X-STOREFRONT-KEY: ${STOREFRONT_KEY[$2]:-}" args status
    case $id in
        rest_product) args=("$base/api/shop/products/1" -H "$key") ;;
        rest_product_spread) args=("$base/api/shop/products/${PRODUCT_IDS##*,}" -H "$key") ;;
        rest_list) args=("$base/api/shop/products?per_page=20" -H "$key") ;;
        graphql_product | graphql_list)
            args=("$base/api/graphql" -H "$key" -H 'Content-Type: application/json' --data
                "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$WRK_SCRIPTS/$id.lua" | sed 's/\\\\/\\/g')") ;;
    esac
    status=$(curl -sS -o "$WORK/check.json" -w '%{http_code}' "${args[@]}")
    if [[ $status != 2* ]] || jq -e '.errors? // empty | length > 0' "$WORK/check.json" >/dev/null 2>&1; then
        head -c 600 "$WORK/check.json" >&2
        echo >&2
        die "$id on $target answers $status: not measuring it"
    fi
}

# summarize ID TARGET LABEL: the median run (by req/s) of a case, with every run kept.
summarize() {
    local id=$1 target=$2 label=$3 file="$RUNS_DIR/$1.$2.jsonl"
    [[ -s $file ]] || return 0
    jq -s -c --arg id "$id" --arg target "$target" --arg lbl "$label" '
        (sort_by(.rps)) as $s | ($s[(length - 1) / 2 | floor]) as $m
        | {id: $id, target: $target, "label": $lbl, tool: "wrk", unit: "req/s",
           value: $m.rps, p50_ms: $m.p50_ms, p95_ms: $m.p95_ms, p99_ms: $m.p99_ms, loadavg_before: $m.loadavg_before,
           errors: (map(.non_2xx + .socket_errors) | add), runs: .}' "$file" >>"$MEASUREMENTS"
    if jq -e '.non_2xx + .socket_errors > 0' "$file" >/dev/null; then
        warn "$label on $target: some responses were errors (see results.json)"
    fi
}

# value ID TARGET: the recorded figure, or empty.
value() { jq -r --arg id "$1" --arg t "$2" 'select(.id == $id and .target == $t) | .value' "$MEASUREMENTS" | tail -1; }

# --- the paced (fixed-rate) latency reading of the list endpoint -------------------------------------

# Offers half the saturated throughput measured for the list, so the percentiles are those of a
# server with headroom, not of a queue.
paced_list() {
    local target=$1 max rate delay file="$RUNS_DIR/rest_list_paced.$1.jsonl"
    max=$(value rest_list "$target")
    [[ -n $max ]] || return 0
    rate=$(awk -v m="$max" 'BEGIN { printf "%d", m / 2 }')
    delay=$(awk -v c="$CONNECTIONS" -v r="$rate" 'BEGIN { printf "%.3f", c * 1000 / r }')
    echo "    paced list on $target: about $rate req/s ($CONNECTIONS connections, ${delay} ms apart)" >&2
    BENCH_DELAY_MS=$delay wrk_once "$file" "${BASE[$target]}/api/shop/products?per_page=20" \
        -H "X-STOREFRONT-KEY: ${STOREFRONT_KEY[$target]}" -s "$WRK_SCRIPTS/paced.lua"
    jq -s -c --arg target "$target" --argjson rate "$rate" '.[0] as $r
        | {id: "rest_list_paced", target: $target, "label": "REST product list, paced at ~50% of max",
           tool: "wrk", unit: "req/s", value: $r.rps, offered_rps: $rate,
           p50_ms: $r.p50_ms, p99_ms: $r.p99_ms, loadavg_before: $r.loadavg_before,
           errors: ($r.non_2xx + $r.socket_errors), runs: .}' "$file" >>"$MEASUREMENTS"
}

# --- Bagisto checkout, hot SKU and the mixed load ---------------------------------------------------

# prepare_checkouts TARGET N: N guest carts, each with one unit of one of the ordered products
# (rotating), its address, flat-rate shipping and money transfer chosen, ready to be placed;
# their tokens in $WORK/checkout-tokens.TARGET. Requests go 100 carts to a curl process, four
# processes at a time.
prepare_checkouts() {
    local target=$1 n=$2 base=${BASE[$1]} key="X-STOREFRONT-KEY: ${STOREFRONT_KEY[$1]}" tokens=$WORK/checkout-tokens.$1
    local ids i
    IFS=, read -r -a ids <<<"${ORDER_IDS[$target]}"
    : >"$tokens.all"
    for ((i = 0; i < n; i += 100)); do
        local args=() j
        for ((j = i; j < n && j < i + 100; j++)); do
            args+=(--next -sS -X POST -H "$key" "$base/api/shop/cart-tokens")
        done
        curl "${args[@]:1}" | jq -r '.cartToken' >>"$tokens.all"
    done
    local address='{"billingFirstName": "B", "billingLastName": "Ench", "billingEmail": "bench@example.com", "billingAddress": "1 Main St", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US", "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true}'
    split -l 100 "$tokens.all" "$WORK/checkout-batch.$target."
    local batch pids=()
    for batch in "$WORK/checkout-batch.$target."*; do
        (
            local args=() t k=0 auth
            while read -r t; do
                auth="Authorization: Bearer $t"
                local product=${ids[$((k++ % ${#ids[@]}))]}
                args+=(--next -sS -o /dev/null -w '%{http_code}\n' -X POST -H "$key" -H "$auth" -H 'Content-Type: application/json'
                    --data "{\"productId\": $product, \"quantity\": 1}" "$base/api/shop/add-product-in-cart")
                args+=(--next -sS -o /dev/null -w '%{http_code}\n' -X POST -H "$key" -H "$auth" -H 'Content-Type: application/json'
                    --data "$address" "$base/api/shop/checkout-addresses")
                args+=(--next -sS -o /dev/null -w '%{http_code}\n' -X POST -H "$key" -H "$auth" -H 'Content-Type: application/json'
                    --data '{"shippingMethod": "flatrate_flatrate"}' "$base/api/shop/checkout-shipping-methods")
                args+=(--next -sS -o /dev/null -w '%{http_code}\n' -X POST -H "$key" -H "$auth" -H 'Content-Type: application/json'
                    --data '{"paymentMethod": "moneytransfer"}' "$base/api/shop/checkout-payment-methods")
            done <"$batch"
            curl "${args[@]:1}" >"$batch.status"
        ) &
        # Four at a time; a bare `wait` would also wait for the servers, which run in the background too.
        pids+=("$!")
        if ((${#pids[@]} >= 4)); then
            wait "${pids[0]}" || die "$target: a batch of checkout steps failed"
            pids=("${pids[@]:1}")
        fi
    done
    local pid
    for pid in "${pids[@]}"; do wait "$pid" || die "$target: a batch of checkout steps failed"; done
    local refused
    refused=$(cat "$WORK/checkout-batch.$target."*.status | grep -cv '^201$' || true)
    ((refused == 0)) || die "$target: $refused checkout steps were refused while preparing carts"
    mv "$tokens.all" "$tokens"
    rm -f "$WORK/checkout-batch.$target."*
}

# checkout_case TARGET: placing prepared carts through the Bagisto checkout, one run of
# $CHECKOUT_SECONDS (each cart places once). Carts for up to 700 orders a second: a faster
# server runs out, and the re-sent last token shows as errors.
checkout_case() {
    local target=$1
    local tokens=$WORK/checkout-tokens.$target last status
    echo "    preparing $((CHECKOUT_SECONDS * 700 + 1)) guest carts on $target" >&2
    prepare_checkouts "$target" $((CHECKOUT_SECONDS * 700 + 1))
    # One cart placed by curl first (and not measured), so the figure never times refusals.
    last=$(tail -1 "$tokens")
    sed -i '$d' "$tokens"
    status=$(curl -sS -o "$WORK/check.json" -w '%{http_code}' -X POST -H "X-STOREFRONT-KEY: ${STOREFRONT_KEY[$target]}" \
        -H "Authorization: Bearer $last" -H 'Content-Type: application/json' --data '{}' "${BASE[$target]}/api/shop/checkout-orders")
    [[ $status == 2* ]] || die "checkout on $target answers $status: $(head -c 400 "$WORK/check.json")"
    run_case checkout "$target"
}

# hot_sku TARGET: 200 connections order the same product, which has 100 units, through
# CS-Cart for $HOT_SECONDS; then the invariants: exactly 100 units sold, none left, no order
# beyond the stock. Recorded as one measurement with the counts.
hot_sku() {
    local target=$1 product=${ORDER_IDS[$1]%%,*} mark sold left orders file="$RUNS_DIR/hot_sku.$1.jsonl" ok
    [[ -n $product ]] || return 0
    sql "$target" "UPDATE product_inventories SET qty = 0 WHERE product_id = $product" >/dev/null
    sql "$target" "UPDATE product_inventories SET qty = 100 WHERE id = (SELECT MIN(id) FROM product_inventories
        WHERE product_id = $product AND inventory_source_id IN (SELECT inventory_source_id FROM channel_inventory_sources WHERE channel_id = 1))" >/dev/null
    mark=$(sql "$target" "SELECT COALESCE(MAX(id), 0) FROM orders")
    echo "    hot SKU on $target: product $product, 100 in stock, 200 connections for ${HOT_SECONDS}s" >&2
    BENCH_ORDER_PRODUCT_IDS=$product WRK_CONNECTIONS=200 WRK_DURATION=$HOT_SECONDS wrk_once "$file" \
        "${BASE[$target]}/api/stores/1/orders" -H "Authorization: ${BASIC_AUTH[$target]}" -s "$WRK_SCRIPTS/order.lua"
    sold=$(sql "$target" "SELECT COALESCE(SUM(qty_ordered), 0) FROM order_items WHERE product_id = $product AND order_id > $mark")
    orders=$(sql "$target" "SELECT COUNT(DISTINCT order_id) FROM order_items WHERE product_id = $product AND order_id > $mark")
    left=$(sql "$target" "SELECT COALESCE(SUM(qty), 0) FROM product_inventories WHERE product_id = $product")
    ok=false
    [[ $sold == 100 && $orders == 100 && $left == 0 ]] && ok=true
    $ok || warn "hot SKU on $target: invariants broken: $orders orders, $sold units sold, $left left"
    jq -s -c --arg target "$target" --argjson sold "$sold" --argjson orders "$orders" --argjson left "$left" \
        --argjson ok "$ok" '.[0] as $r
        | {id: "hot_sku", target: $target, "label": "Hot SKU: 200 connections, 100 in stock (CS-Cart orders)",
           tool: "wrk", unit: "req/s", value: $r.rps, p50_ms: $r.p50_ms, p99_ms: $r.p99_ms,
           loadavg_before: $r.loadavg_before, errors: ($r.non_2xx + $r.socket_errors),
           orders: $orders, units_sold: $sold, stock_left: $left, invariants_hold: $ok,
           note: "the errors are the refusals once the stock is gone", runs: .}' "$file" >>"$MEASUREMENTS"
}

# mixed_load TARGET: 90 % reads and 10 % writes (mixed.lua), closed loop for the maximum, then
# paced at 50 % and 80 % of it for $MIXED_SECONDS each: p50/p95/p99 and errors.
mixed_load() {
    local target=$1 max share rate delay file
    export BENCH_KEY=${STOREFRONT_KEY[$target]} BENCH_BASIC=${BASIC_AUTH[$target]} BENCH_ORDER_PRODUCT_IDS=${ORDER_IDS[$target]}
    file="$RUNS_DIR/mixed_max.$target.jsonl"
    wrk_once "$file" "${BASE[$target]}" -s "$WRK_SCRIPTS/mixed.lua"
    max=$(jq -s '.[0].rps' "$file")
    jq -s -c --arg target "$target" '.[0] as $r
        | {id: "mixed_max", target: $target, "label": "Mixed 90/10 (45 % product, 45 % list, 10 % order), closed loop",
           tool: "wrk", unit: "req/s", value: $r.rps, p50_ms: $r.p50_ms, p95_ms: $r.p95_ms, p99_ms: $r.p99_ms,
           loadavg_before: $r.loadavg_before, errors: ($r.non_2xx + $r.socket_errors), runs: .}' "$file" >>"$MEASUREMENTS"
    for share in 50 80; do
        rate=$(awk -v m="$max" -v s="$share" 'BEGIN { printf "%d", m * s / 100 }')
        ((rate > 0)) || continue
        delay=$(awk -v c="$CONNECTIONS" -v r="$rate" 'BEGIN { printf "%.3f", c * 1000 / r }')
        echo "    mixed on $target at ${share} %: about $rate req/s for ${MIXED_SECONDS}s" >&2
        file="$RUNS_DIR/mixed_$share.$target.jsonl"
        BENCH_DELAY_MS=$delay WRK_DURATION=$MIXED_SECONDS wrk_once "$file" "${BASE[$target]}" -s "$WRK_SCRIPTS/mixed.lua"
        jq -s -c --arg target "$target" --argjson rate "$rate" --arg share "$share" '.[0] as $r
            | {id: "mixed_\($share)", target: $target, "label": "Mixed 90/10 paced at \($share) % of max",
               tool: "wrk", unit: "req/s", value: $r.rps, offered_rps: $rate,
               p50_ms: $r.p50_ms, p95_ms: $r.p95_ms, p99_ms: $r.p99_ms,
               loadavg_before: $r.loadavg_before, errors: ($r.non_2xx + $r.socket_errors), runs: .}' "$file" >>"$MEASUREMENTS"
    done
    unset BENCH_KEY BENCH_BASIC BENCH_ORDER_PRODUCT_IDS
}

# --- pgbench -------------------------------------------------------------------------------------

# pgbench_run ID LABEL SCRIPT: tps of SCRIPT with as many clients as wrk has connections.
pgbench_run() {
    local id=$1 label=$2 script=$3 before raw tps
    before=$(cat /proc/loadavg)
    raw=$(pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_SECONDS" -f "$script" "$PG_DB" 2>&1) ||
        { echo "$raw" >&2; die "pgbench $id failed"; }
    echo "$raw" >"$RUNS_DIR/$id.postgres.txt"
    tps=$(awk '/^tps = / { print $3; exit }' <<<"$raw")
    jq -n -c --arg id "$id" --arg lbl "$label" --argjson tps "$tps" --arg loadavg "$before" \
        --arg script "$(cat "$script")" \
        --arg latency "$(awk '/^latency average/ { print $4 }' <<<"$raw")" \
        --arg failed "$(awk '/^number of failed transactions/ { print $5 }' <<<"$raw")" \
        '{id: $id, target: "postgres", "label": $lbl, tool: "pgbench", unit: "tps", value: $tps,
          p50_ms: null, p99_ms: null, latency_avg_ms: ($latency | tonumber? // null),
          loadavg_before: $loadavg, errors: ($failed | tonumber? // 0), script: $script}' >>"$MEASUREMENTS"
}

# Captures the SQL of exactly one `GET /api/shop/products/1` (PostgreSQL) from the server's
# JSON debug log, and replays it with pgbench when the log holds runnable statements.
CAPTURE='{"status": "not run"}'
capture_sql() {
    local logfile=$WORK/capture.log mark statements
    start_polyshop capture "$PG_URL" "warn,polyshop::sql=debug" --log-format json
    local url="${BASE[capture]}/api/shop/products/1" key="X-STOREFRONT-KEY: ${STOREFRONT_KEY[postgres]}"
    curl -fsS -o /dev/null -H "$key" "$url" # warm-up: first-use statements are not the steady state
    sleep 0.3
    mark=$(stat -c %s "$logfile")
    curl -fsS -o /dev/null -H "$key" -H "X-Request-Id: benchcapture" "$url"
    sleep 0.3
    stop_server capture
    # Lines of this request (its span carries the request id); all new SQL lines if none do.
    tail -c +"$((mark + 1))" "$logfile" | jq -c 'select(.target == "polyshop::sql")' 2>/dev/null >"$WORK/capture.jsonl" || true
    local selected_by="request id"
    if jq -e 'select(.span.request_id == "benchcapture")' "$WORK/capture.jsonl" >/dev/null 2>&1; then
        jq -c 'select(.span.request_id == "benchcapture")' "$WORK/capture.jsonl" >"$WORK/capture.req.jsonl"
    else
        # The SQL lines carry no request span: the server was idle but for this request.
        selected_by="log position (the SQL lines carry no request id)"
        cp "$WORK/capture.jsonl" "$WORK/capture.req.jsonl"
    fi
    statements=$(jq -s -c 'map((.fields // .) | {sql, elapsed_us: (.elapsed_us | tonumber? // .elapsed_us)})' "$WORK/capture.req.jsonl")
    if [[ $(jq length <<<"$statements") == 0 ]]; then
        CAPTURE='{"status": "skipped", "reason": "no polyshop::sql line in the debug log"}'
        warn "SQL capture: no statement logged; replay skipped"
        return 0
    fi
    jq -r '.[].sql | sub(";\\s*$"; "") + ";"' <<<"$statements" >"$WORK/replay.sql"
    if grep -qE '\$[0-9]+' "$WORK/replay.sql"; then
        CAPTURE=$(jq -c --arg by "$selected_by" '{status: "skipped", selected_by: $by,
            reason: "the log holds each statement with its $N placeholders but not their values: nothing to replay",
            statements: length, server_elapsed_us: (map(.elapsed_us) | add), sql: .}' <<<"$statements")
        warn "SQL capture: $(jq length <<<"$statements") statements, with \$N placeholders and no values; replay skipped"
        return 0
    fi
    CAPTURE=$(jq -c --arg by "$selected_by" '{status: "replayed", selected_by: $by, statements: length, server_elapsed_us: (map(.elapsed_us) | add), sql: .}' <<<"$statements")
    pgbench_run pgbench_replay "pgbench replay of one product GET's SQL" "$WORK/replay.sql"
}

# --- results ---------------------------------------------------------------------------------------

# ratio NAME LABEL NUM_ID NUM_TARGET DEN_ID DEN_TARGET: NUM ÷ DEN, when both were measured.
RATIOS=$WORK/ratios.jsonl
: >"$RATIOS"
ratio() {
    local name=$1 label=$2 a b
    a=$(jq -c --arg id "$3" --arg t "$4" 'select(.id == $id and .target == $t)' "$MEASUREMENTS" | tail -1)
    b=$(jq -c --arg id "$5" --arg t "$6" 'select(.id == $id and .target == $t)' "$MEASUREMENTS" | tail -1)
    jq -n -c --arg name "$name" --arg lbl "$label" --arg n "$3@$4" --arg d "$5@$6" \
        --argjson a "${a:-null}" --argjson b "${b:-null}" '
        {name: $name, "label": $lbl, numerator: $n, denominator: $d,
         value: (if $a != null and $b != null and $b.value > 0 then $a.value / $b.value else null end),
         numerator_value: $a.value, denominator_value: $b.value,
         loadavg_before: [$a.loadavg_before, $b.loadavg_before]}
        + (if $a == null or $b == null then {note: "not measured"} else {} end)' >>"$RATIOS"
}

write_results() {
    local commit dirty=false started=$1 memory=$2
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z $(git -C "$ROOT" status --porcelain 2>/dev/null) ]] || dirty=true
    jq -n \
        --arg date "$started" --arg commit "$commit" --argjson dirty "$dirty" --argjson nproc "$(nproc)" \
        --arg profile "$PROFILE" --arg seeded "$SEEDED_WITH" --argjson quick "$QUICK" \
        --argjson threads "$THREADS" --argjson connections "$CONNECTIONS" --argjson duration "$DURATION" \
        --argjson runs "$RUNS" --argjson pgbench_seconds "$PGBENCH_SECONDS" \
        --arg loadavg_end "$(cat /proc/loadavg)" --arg loadavg_start "$LOADAVG_START" \
        --arg kernel "$(uname -sr)" --arg wrk "$(wrk -v 2>&1 | head -1)" \
        --arg postgres "$(psql -X -A -t -d "$PG_DB" -c 'SHOW server_version' 2>/dev/null || true)" \
        --slurpfile measurements "$MEASUREMENTS" --slurpfile ratios "$RATIOS" \
        --argjson memory "$memory" --argjson sql_capture "$CAPTURE" \
        '{meta: {date: $date, commit: $commit, uncommitted_changes: $dirty, nproc: $nproc,
                 profile: $profile, seeded_with: $seeded, quick: ($quick == 1),
                 wrk: {threads: $threads, connections: $connections, duration_s: $duration, runs: $runs,
                       closed_loop: true, tool: $wrk},
                 pgbench: {clients: $connections, jobs: $threads, duration_s: $pgbench_seconds},
                 loadavg_start: $loadavg_start, loadavg_end: $loadavg_end, kernel: $kernel,
                 postgres: $postgres},
          measurements: $measurements, ratios: $ratios, memory_kb: $memory, sql_capture: $sql_capture}' \
        >"$BENCH_DIR/results.json"
    markdown >"$BENCH_DIR/results.md"
    update_readme
}

# results.md from results.json: the run's identity, then every figure with the 1-minute load
# average read before it.
markdown() {
    jq -r '
        def r(n): if n == null then "–" elif n >= 100 then (n | round | tostring)
                  elif n >= 0.1 then ((n * 100 | round) / 100 | tostring)
                  else ((n * 10000 | round) / 10000 | tostring) end;
        def load(l): if l == null then "–" else (l | split(" ") | .[0:3] | join(" ")) end;
        def loads(m): [m.runs[]?.loadavg_before | split(" ")[0]] | join(", ");
        .meta as $m
        | "Run \($m.date) · commit `\($m.commit)`\(if $m.uncommitted_changes then " + uncommitted changes" else "" end)"
          + " · nproc \($m.nproc) · profile \($m.profile) (seeded: \($m.seeded_with))"
          + " · \(if $m.quick then "--quick" else "full" end): wrk -t\($m.wrk.threads) -c\($m.wrk.connections) -d\($m.wrk.duration_s)s,"
          + " median of \($m.wrk.runs) interleaved run(s); pgbench -c\($m.pgbench.clients) -j\($m.pgbench.jobs) -T\($m.pgbench.duration_s)."
          + " Load average (1/5/15 min) at start: \(load($m.loadavg_start)); at end: \(load($m.loadavg_end)).",
          "",
          "| Measurement | Server | req/s or tps | p50 ms | p95 ms | p99 ms | errors | load avg before (1-min, each run) |",
          "|---|---|--:|--:|--:|--:|--:|---|",
          (.measurements[] | "| \(.["label"])\(if .offered_rps then " (offered \(.offered_rps)/s)" else "" end)\(if .orders != null then ": \(.orders) orders, \(.units_sold) sold, \(.stock_left) left\(if .invariants_hold then " (invariants hold)" else " (INVARIANTS BROKEN)" end)" else "" end) | \(.target) | \(r(.value)) | \(r(.p50_ms)) | \(r(.p95_ms)) | \(r(.p99_ms)) | \(.errors) | \(if .runs then loads(.) else (.loadavg_before | split(" ")[0]) end) |"),
          "",
          "| Ratio | value | numerator | denominator | load avg before (1-min, num / den) |",
          "|---|--:|---|---|---|",
          (.ratios[] | "| \(.["label"]) | \(if .value == null then (.note // "–") else r(.value) end) | `\(.numerator)` = \(r(.numerator_value)) | `\(.denominator)` = \(r(.denominator_value)) | \(.loadavg_before | map(if . == null then "–" else split(" ")[0] end) | join(" / ")) |"),
          "",
          "| Memory (VmRSS) | idle MiB | after load MiB | load avg at reading (1-min) |",
          "|---|--:|--:|---|",
          (.memory_kb | to_entries[] | "| \(.key) | \(r(.value.idle / 1024)) | \(r(.value.after_load / 1024)) | \(.value.loadavg | split(" ")[0]) |"),
          "",
          "SQL capture of one `GET /api/shop/products/1` (PostgreSQL): \(.sql_capture.status)"
          + (if .sql_capture.statements then ", \(.sql_capture.statements) statements, \(.sql_capture.server_elapsed_us) µs in the database as the server timed them" else "" end)
          + (if .sql_capture.reason then " — \(.sql_capture.reason)" else "" end) + "."
    ' "$BENCH_DIR/results.json"
}

# update_readme_section NAME FILE: replaces the block between README.md's
# `<!-- NAME:start -->` and `<!-- NAME:end -->` markers with FILE.
update_readme_section() {
    local readme=$BENCH_DIR/README.md start="<!-- $1:start -->" end="<!-- $1:end -->"
    if ! { [[ -f $readme ]] && grep -qF "$start" "$readme" && grep -qF "$end" "$readme"; }; then
        warn "README.md has no $1 markers: paste $2 into it by hand"
        return 0
    fi
    awk -v start="$start" -v end="$end" -v table="$2" '
        $0 == start { print; while ((getline line < table) > 0) print line; skip = 1; next }
        $0 == end { skip = 0 }
        !skip { print }' "$readme" >"$WORK/README.md"
    cat "$WORK/README.md" >"$readme"
}

update_readme() { update_readme_section last-results "$BENCH_DIR/results.md"; }

# --- 4. the catalog list under filters, profile after profile --------------------------------------

FILTER_CASES=(plain category price_range attribute search sort_name sort_price combined deep_page)
declare -A FILTER_QUERY

# filter_queries: each case's query string, with values read from the seeded PostgreSQL database
# (profiles are deterministic: the SQLite database holds the same rows under the same ids): the
# category with the most products, the colour option most variants have, the middle fifth of
# simple products' prices.
filter_queries() {
    local category option prices lo hi
    category=$(sql postgres "SELECT pc.category_id FROM product_categories pc JOIN products p ON p.id = pc.product_id
        WHERE p.parent_id IS NULL GROUP BY pc.category_id ORDER BY COUNT(*) DESC, pc.category_id LIMIT 1")
    option=$(sql postgres "SELECT v.integer_value FROM product_attribute_values v JOIN attributes a ON a.id = v.attribute_id
        WHERE a.code = 'color' AND v.integer_value IS NOT NULL GROUP BY v.integer_value ORDER BY COUNT(*) DESC, v.integer_value LIMIT 1")
    prices=$(sql postgres "SELECT round(percentile_disc(0.4) WITHIN GROUP (ORDER BY price) / 10000.0, 2),
        round(percentile_disc(0.6) WITHIN GROUP (ORDER BY price) / 10000.0, 2)
        FROM products WHERE parent_id IS NULL AND type = 'simple' AND price IS NOT NULL")
    lo=${prices%%|*}
    hi=${prices#*|}
    [[ -n $category && -n $option && -n $lo && -n $hi ]] ||
        die "the seeded catalog lacks a category, a colour option or simple products' prices: no filter cases"
    FILTER_QUERY[plain]="per_page=20"
    FILTER_QUERY[category]="category_id=$category&per_page=20"
    FILTER_QUERY[price_range]="price_from=$lo&price_to=$hi&per_page=20"
    FILTER_QUERY[attribute]="color=$option&per_page=20"
    FILTER_QUERY[search]="query=alpine&per_page=20"
    FILTER_QUERY[sort_name]="sort=name-asc&per_page=20"
    FILTER_QUERY[sort_price]="sort=price-asc&per_page=20"
    FILTER_QUERY[combined]="category_id=$category&price_from=$lo&price_to=$hi&color=$option&sort=price-desc&per_page=20"
    FILTER_QUERY[deep_page]="page=40&per_page=20"
}

# filter_case PROFILE CASE TARGET: one wrk run (4 connections: latency with little queueing).
filter_case() {
    local profile=$1 id=$2 target=$3 url
    url="${BASE[$target]}/api/shop/products?${FILTER_QUERY[$id]}"
    WRK_CONNECTIONS=4 wrk_once "$RUNS_DIR/filter_$id.$target.$profile.jsonl" "$url" \
        -H "X-STOREFRONT-KEY: ${STOREFRONT_KEY[$target]}"
}

# filter_check TARGET CASE: the case answers 200 (prints the total it matches).
filter_check() {
    local target=$1 id=$2 status
    status=$(curl -sS -D "$WORK/filter-headers" -o "$WORK/check.json" -w '%{http_code}' \
        -H "X-STOREFRONT-KEY: ${STOREFRONT_KEY[$target]}" "${BASE[$target]}/api/shop/products?${FILTER_QUERY[$id]}")
    [[ $status == 200 ]] || { head -c 600 "$WORK/check.json" >&2; die "filter $id on $target answers $status"; }
    tr -d '\r' <"$WORK/filter-headers" | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }'
}

# filter_plans PROFILE: the SQL each case runs on PostgreSQL (from a server logging it), each
# statement that reads products EXPLAIN ANALYZEd; the sequential scans are listed per case.
filter_plans() {
    local profile=$1 logfile=$WORK/plans.log id mark
    start_polyshop plans "$PG_URL" "warn,polyshop::sql=debug" --log-format json
    local key="X-STOREFRONT-KEY: ${STOREFRONT_KEY[postgres]}"
    curl -fsS -o /dev/null -H "$key" "${BASE[plans]}/api/shop/products" # warm the scope cache
    for id in "${FILTER_CASES[@]}"; do
        sleep 0.2
        mark=$(stat -c %s "$logfile")
        curl -fsS -o /dev/null -H "$key" "${BASE[plans]}/api/shop/products?${FILTER_QUERY[$id]}"
        sleep 0.3
        tail -c +"$((mark + 1))" "$logfile" | jq -r 'select(.target == "polyshop::sql") | (.fields // .).sql' 2>/dev/null |
            grep -E '^SELECT' | grep -v -E 'cache_generations|storefront_keys' >"$WORK/plan-$id.sql" || true
        local n=0 sql_text plan
        while IFS= read -r sql_text; do
            n=$((n + 1))
            # As the server runs them: without JIT (db::connect_with turns it off).
            plan=$(psql -X -q -A -t -d "$PG_DB" -c "SET jit = off" \
                -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) ${sql_text%;}" 2>&1 || true)
            jq -n -c --arg profile "$profile" --arg case "$id" --argjson n "$n" --arg sql "$sql_text" --arg plan "$plan" '
                {profile: $profile, case: $case, statement: $n, sql: $sql, plan: $plan,
                 seq_scans: [$plan | scan("Seq Scan on (\\w+)") | .[0]] | unique,
                 execution_ms: (($plan | capture("Execution Time: (?<ms>[0-9.]+)") | .ms | tonumber?) // null)}' \
                >>"$WORK/plans.jsonl"
        done <"$WORK/plan-$id.sql"
    done
    stop_server plans
}

# filters_profile PROFILE: seeds it (large: PostgreSQL only), measures every case on each database,
# then the query plans.
filters_profile() {
    local profile=$1 targets=(sqlite postgres) id target pairs=() started
    PROFILE=$profile
    [[ $profile != large ]] || targets=(postgres)
    log "profile $profile: seeding ${targets[*]}"
    if [[ " ${targets[*]} " == *" sqlite "* ]]; then
        rm -f "$WORK/bench.sqlite3" "$WORK/bench.sqlite3-wal" "$WORK/bench.sqlite3-shm"
        started=$(date +%s)
        seed "$SQLITE_URL"
        echo "    SQLite seeded in $(($(date +%s) - started)) s" >&2
        credentials sqlite "$SQLITE_URL"
    fi
    PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists --force "$PG_DB"
    createdb "$PG_DB"
    started=$(date +%s)
    seed "$PG_URL"
    echo "    PostgreSQL seeded in $(($(date +%s) - started)) s" >&2
    credentials postgres "$PG_URL"
    sql postgres "VACUUM ANALYZE" >/dev/null
    filter_queries
    local listed top_level
    top_level=$(sql postgres "SELECT COUNT(*) FROM products WHERE parent_id IS NULL")
    listed=$(sql postgres "SELECT COUNT(*) FROM products")
    for target in "${targets[@]}"; do
        start_polyshop "$target" "$( [[ $target == sqlite ]] && echo "$SQLITE_URL" || echo "$PG_URL")"
    done
    for id in "${FILTER_CASES[@]}"; do
        for target in "${targets[@]}"; do
            local total
            total=$(filter_check "$target" "$id")
            echo "    $id on $target: ${FILTER_QUERY[$id]} matches $total" >&2
            jq -n -c --arg p "$profile" --arg c "$id" --arg t "$target" --arg q "${FILTER_QUERY[$id]}" --arg n "$total" \
                '{profile: $p, case: $c, target: $t, query: $q, matches: ($n | tonumber? // null)}' >>"$WORK/filter-matches.jsonl"
            pairs+=("$id:$target")
        done
    done
    local round pair
    for round in $(seq "$RUNS"); do
        for pair in "${pairs[@]}"; do
            echo "    $profile round $round/$RUNS: ${pair%%:*} on ${pair#*:}" >&2
            filter_case "$profile" "${pair%%:*}" "${pair#*:}"
        done
    done
    for pair in "${pairs[@]}"; do
        id=${pair%%:*}
        target=${pair#*:}
        jq -s -c --arg p "$profile" --arg c "$id" --arg t "$target" --arg q "${FILTER_QUERY[$id]}" \
            --argjson products "$top_level" --argjson rows "$listed" \
            --slurpfile matches "$WORK/filter-matches.jsonl" '
            (sort_by(.rps)) as $s | ($s[(length - 1) / 2 | floor]) as $m
            | {profile: $p, case: $c, target: $t, query: $q, top_level_products: $products, product_rows: $rows,
               matches: ([$matches[] | select(.profile == $p and .case == $c and .target == $t) | .matches][0]),
               rps: $m.rps, p50_ms: $m.p50_ms, p99_ms: $m.p99_ms, loadavg_before: $m.loadavg_before,
               errors: (map(.non_2xx + .socket_errors) | add), runs: .}' \
            "$RUNS_DIR/filter_$id.$target.$profile.jsonl" >>"$WORK/filters.jsonl"
    done
    for target in "${targets[@]}"; do stop_server "$target"; done
    filter_plans "$profile"
}

filters_main() {
    local started profile
    started=$(date -u '+%Y-%m-%d %H:%M UTC')
    ensure_tools
    ensure_postgres
    build
    LOADAVG_START=$(cat /proc/loadavg)
    : >"$WORK/filters.jsonl"
    : >"$WORK/plans.jsonl"
    : >"$WORK/filter-matches.jsonl"
    IFS=, read -r -a profiles <<<"$FILTER_PROFILES"
    for profile in "${profiles[@]}"; do
        case $profile in small | medium | large) ;; *) die "--filters: unknown profile $profile" ;; esac
    done
    for profile in "${profiles[@]}"; do
        filters_profile "$profile"
    done
    local commit
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    jq -n --arg date "$started" --arg commit "$commit" --argjson nproc "$(nproc)" --argjson quick "$QUICK" \
        --argjson runs "$RUNS" --argjson duration "$DURATION" --arg binary "${BENCH_POLYSHOP:-built here}" \
        --arg loadavg_start "$LOADAVG_START" --arg loadavg_end "$(cat /proc/loadavg)" \
        --slurpfile cases "$WORK/filters.jsonl" --slurpfile plans "$WORK/plans.jsonl" \
        '{meta: {date: $date, commit: $commit, binary: $binary, nproc: $nproc, quick: ($quick == 1),
                 wrk: {threads: 2, connections: 4, duration_s: $duration, runs: $runs, closed_loop: true},
                 loadavg_start: $loadavg_start, loadavg_end: $loadavg_end},
          cases: $cases, plans: $plans}' >"$BENCH_DIR/filters.json"
    filters_markdown >"$BENCH_DIR/filters.md"
    update_readme_section filters "$BENCH_DIR/filters.md"
    log "results: bench/filters.json, bench/filters.md (also in bench/README.md)"
    cat "$BENCH_DIR/filters.md"
}

# filters.md from filters.json: latency per case and profile, growth between the first and the
# last profile, and the sequential scans of each case's plans.
filters_markdown() {
    jq -r '
        def r(n): if n == null then "–" elif n >= 100 then (n | round | tostring)
                  elif n >= 0.1 then ((n * 100 | round) / 100 | tostring)
                  else ((n * 10000 | round) / 10000 | tostring) end;
        .meta as $m
        | ([.cases[].profile] | unique) as $profiles
        | "Run \($m.date) · commit `\($m.commit)`\(if $m.binary != "built here" then " (binary: \($m.binary))" else "" end) · nproc \($m.nproc) · wrk -t2 -c\($m.wrk.connections) -d\($m.wrk.duration_s)s, median of \($m.wrk.runs) interleaved run(s)."
          + " Load average at start: \($m.loadavg_start | split(" ")[0:3] | join(" ")); at end: \($m.loadavg_end | split(" ")[0:3] | join(" ")).",
          "",
          "| Case | Profile (listed products / product rows) | Server | matches | req/s | p50 ms | p99 ms | errors | load avg before (1-min) |",
          "|---|---|---|--:|--:|--:|--:|--:|---|",
          (.cases | sort_by(.case, .profile, .target)[]
            | "| `\(.case)` | \(.profile) (\(.top_level_products) / \(.product_rows)) | \(.target) | \(.matches // "–") | \(r(.rps)) | \(r(.p50_ms)) | \(r(.p99_ms)) | \(.errors) | \([.runs[].loadavg_before | split(" ")[0]] | join(", ")) |"),
          "",
          ([.cases[] | select(.target == "postgres")] | group_by(.profile)[]
            | ("Queries on \(.[0].profile): " + (unique_by(.case) | map("`\(.case)` = `\(.query)`") | join("; ")) + "."), ""),
          "",
          "| Case | Profile | PostgreSQL statements (all but the key and cache reads) | their execution ms (EXPLAIN ANALYZE) | sequential scans |",
          "|---|---|--:|--:|---|",
          (.plans | group_by(.case, .profile)[]
            | "| `\(.[0].case)` | \(.[0].profile) | \(length) | \(r([.[].execution_ms // 0] | add)) | \([.[].seq_scans[]] | unique | if length == 0 then "none" else join(", ") end) |")
    ' "$BENCH_DIR/filters.json"
}

# --- main ------------------------------------------------------------------------------------------

main() {
    if [[ -n $FILTER_PROFILES ]]; then
        filters_main
        return
    fi
    local started
    started=$(date -u '+%Y-%m-%d %H:%M UTC')
    ensure_tools
    ensure_postgres
    build
    LOADAVG_START=$(cat /proc/loadavg)
    prepare_databases

    log "starting servers"
    start_hello
    start_polyshop sqlite "$SQLITE_URL"
    start_polyshop postgres "$PG_URL"
    local idle_sqlite idle_pg
    idle_sqlite=$(rss_kb sqlite)
    idle_pg=$(rss_kb postgres)

    log "1. stack overhead: polyshop /healthz against the bare poem server, interleaved"
    interleave hello:hello healthz:sqlite
    summarize hello hello "bare poem GET / (bench/hello)"
    summarize healthz sqlite "polyshop GET /healthz"
    stop_server hello

    log "2-3, 7. reads on SQLite and PostgreSQL, interleaved"
    PRODUCT_IDS=$(sql postgres "SELECT string_agg(id::text, ',' ORDER BY id) FROM products WHERE status AND parent_id IS NULL")
    local id target pairs=()
    for id in rest_product rest_product_spread rest_list graphql_product graphql_list; do
        for target in sqlite postgres; do
            check "$id" "$target"
            pairs+=("$id:$target")
        done
    done
    interleave "${pairs[@]}"
    for target in sqlite postgres; do
        summarize rest_product "$target" "REST GET /api/shop/products/1"
        summarize rest_product_spread "$target" "REST GET /api/shop/products/{random enabled top-level id}"
        summarize rest_list "$target" "REST GET /api/shop/products?per_page=20"
        summarize graphql_product "$target" "GraphQL product(id) {id sku name price}"
        summarize graphql_list "$target" "GraphQL products(first: 20)"
    done

    log "4. list latency at a fixed offered rate (closed loop, paced)"
    paced_list sqlite
    paced_list postgres

    log "5. writes: CS-Cart order placement"
    pairs=()
    for target in sqlite postgres; do
        prepare_orders "$target"
        [[ -z ${ORDER_IDS[$target]} ]] || pairs+=("order:$target")
    done
    ((${#pairs[@]} == 0)) || interleave "${pairs[@]}"
    summarize order sqlite "CS-Cart POST /api/stores/1/orders"
    summarize order postgres "CS-Cart POST /api/stores/1/orders"

    log "5b. writes: Bagisto checkout (placing prepared guest carts)"
    for target in sqlite postgres; do
        [[ -z ${ORDER_IDS[$target]} ]] || checkout_case "$target"
    done
    summarize checkout sqlite "Bagisto POST /api/shop/checkout-orders"
    summarize checkout postgres "Bagisto POST /api/shop/checkout-orders"

    log "6b. mixed load: 90 % reads, 10 % writes"
    for target in sqlite postgres; do
        [[ -z ${ORDER_IDS[$target]} ]] || mixed_load "$target"
    done

    log "5c. writes: hot SKU (200 connections, 100 in stock)"
    for target in sqlite postgres; do
        hot_sku "$target"
    done

    log "6. memory after the load"
    local memory
    memory=$(jq -n -c --argjson idle_s "$idle_sqlite" --argjson idle_p "$idle_pg" \
        --argjson after_s "$(rss_kb sqlite)" --argjson after_p "$(rss_kb postgres)" --arg l "$(cat /proc/loadavg)" \
        '{"polyshop on sqlite": {idle: $idle_s, after_load: $after_s, loadavg: $l},
          "polyshop on postgres": {idle: $idle_p, after_load: $after_p, loadavg: $l}}')
    stop_server sqlite

    log "2. SQL: pgbench one-row read, and replay of one product GET's statements"
    printf 'SELECT * FROM products WHERE id = 1;\n' >"$WORK/one_row.sql"
    pgbench_run pgbench_one_row "pgbench SELECT * FROM products WHERE id = 1" "$WORK/one_row.sql"
    stop_server postgres
    capture_sql

    ratio stack_overhead "polyshop /healthz ÷ bare poem" healthz sqlite hello hello
    ratio api_over_sql_one_row "REST product (PostgreSQL) ÷ pgbench one-row" rest_product postgres pgbench_one_row postgres
    ratio api_over_sql_replay "REST product (PostgreSQL) ÷ pgbench replay of its SQL" rest_product postgres pgbench_replay postgres
    ratio spread_over_sql_one_row "REST product pages spread over the catalog (PostgreSQL) ÷ pgbench one-row" \
        rest_product_spread postgres pgbench_one_row postgres
    for target in sqlite postgres; do
        ratio "graphql_over_rest_product_$target" "GraphQL ÷ REST, product by id ($target)" graphql_product "$target" rest_product "$target"
        ratio "graphql_over_rest_list_$target" "GraphQL ÷ REST, page of 20 ($target)" graphql_list "$target" rest_list "$target"
    done
    for id in rest_product rest_product_spread rest_list graphql_product graphql_list order checkout mixed_max; do
        ratio "sqlite_over_postgres_$id" "SQLite ÷ PostgreSQL, $id" "$id" sqlite "$id" postgres
    done

    write_results "$started" "$memory"
    log "results: bench/results.json, bench/results.md (also in bench/README.md, Last results)"
    cat "$BENCH_DIR/results.md"
}

main
