#!/usr/bin/env bash
# Serve the dashboard the way it is served beyond a laptop, on this machine: REPLICAS Streamlit
# processes behind nginx on PORT (compression, caching of the hashed bundles, sticky sessions,
# security headers, request limits: deploy/nginx.conf.template). Everything is an ordinary process
# tree of this script; nginx runs with its own configuration, pid, logs and temp files under
# SERVE_DIR/run, and no system service is touched.
#
#   bash scripts/serve.sh             install what is missing, build the warehouse once, start the
#                                     replicas and nginx; Ctrl-C stops all of them
#   bash scripts/serve.sh --refresh   while it runs: build a new release of the warehouse beside the
#                                     live one, check it, swap it in; every replica reads it from
#                                     its next rerun on, no request fails and nothing restarts
#
# Settings (environment): PORT (8080), HOST (127.0.0.1; 0.0.0.0 to serve the network), REPLICAS (2),
# REPLICA_PORT (first replica's port, PORT+1; replicas listen on 127.0.0.1 only), SERVE_DIR
# (var/serve: releases, run files, logs), SOURCES (data/sources, what a build reads),
# HEALTH_INTERVAL (5 s between active health checks), STREAMLIT_SERVER_COOKIE_SECRET (shared by
# the replicas; a random one is kept in SERVE_DIR otherwise), APP (app.py; bench/ serves its
# baseline apps the same way), DUCKDB_THREADS (each replica's DuckDB threads: cores / REPLICAS).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PORT=${PORT:-8080}
HOST=${HOST:-127.0.0.1}
REPLICAS=${REPLICAS:-2}
REPLICA_PORT=${REPLICA_PORT:-$((PORT + 1))}
SERVE_DIR=$(mkdir -p "${SERVE_DIR:-$ROOT/var/serve}" && cd "${SERVE_DIR:-$ROOT/var/serve}" && pwd)
SOURCES=${SOURCES:-$ROOT/data/sources}
HEALTH_INTERVAL=${HEALTH_INTERVAL:-5}
APP=${APP:-app.py}
# Each replica's share of the cores for its DuckDB queries (src/dashboard/config.py, at least 1).
DUCKDB_THREADS=${DUCKDB_THREADS:-$(( $(nproc) / REPLICAS > 0 ? $(nproc) / REPLICAS : 1 ))}
RUN="$SERVE_DIR/run"
PY="$ROOT/.venv/bin/python"
export PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}"

log() { printf '%s serve: %s\n' "$(date +%H:%M:%S)" "$*"; }

# --- the warehouse: releases/<time>/parquet, served through the `current` link ---------------

# Build a release beside the live one, check it as the replicas will read it, and swap the link
# in one rename: a replica's next rerun sees a new warehouse version and opens the new release,
# while queries already running finish on the old one (kept, with one before it, for rollback).
new_release() {
  local name release
  name=$(date -u +%Y%m%dT%H%M%S.%NZ)
  release="$SERVE_DIR/releases/$name"
  mkdir -p "$release"
  log "building release $name from $SOURCES"
  if ! "$PY" -m dashboard.warehouse build --sources "$SOURCES" \
      --out "$release/warehouse.duckdb" --parquet "$release/parquet" >"$release/build.log" 2>&1 \
    || ! "$PY" -m dashboard.warehouse check "$release/parquet" >>"$release/build.log" 2>&1; then
    cat "$release/build.log" >&2
    rm -rf "$release"
    log "the release failed its build or check; the live warehouse is unchanged" >&2
    return 1
  fi
  rm -f "$release/warehouse.duckdb"  # the replicas read the Parquet export
  ln -sfn "releases/$name/parquet" "$SERVE_DIR/current.next"
  mv -T "$SERVE_DIR/current.next" "$SERVE_DIR/current"
  log "serving release $name ($(tail -n 1 "$release/build.log"))"
  # Keep the live release and the two before it.
  find "$SERVE_DIR/releases" -mindepth 1 -maxdepth 1 -type d | sort | head -n -3 | xargs -r rm -rf
}

if [ "${1:-}" = "--refresh" ]; then
  new_release
  exit
elif [ -n "${1:-}" ]; then
  echo "usage: bash scripts/serve.sh [--refresh]" >&2
  exit 2
fi

# --- what it needs ----------------------------------------------------------------------------

bash scripts/setup_env.sh
bash scripts/install_nginx.sh || exit 1
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so

mkdir -p "$RUN/tmp"
if [ -f "$RUN/serve.pid" ] && kill -0 "$(cat "$RUN/serve.pid")" 2>/dev/null; then
  echo "already serving from $SERVE_DIR (pid $(cat "$RUN/serve.pid")); stop it first" >&2
  exit 1
fi
echo $$ >"$RUN/serve.pid"

# --- nginx configuration ----------------------------------------------------------------------

STATIC_ROOT=$("$PY" -c 'import pathlib, streamlit; print(pathlib.Path(streamlit.__file__).parent / "static")')
# The content security policy allows the inline script of Streamlit's index.html by its hash,
# computed from the installed Streamlit, so an upgrade keeps working.
SCRIPT_HASHES=$("$PY" - "$STATIC_ROOT/index.html" <<'PYTHON'
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for body in re.findall(r"<script>(.*?)</script>", html, re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    print(f"'sha256-{digest}'", end=" ")
PYTHON
)
# 'wasm-unsafe-eval' lets the frontend compile its WebAssembly (it allows no JavaScript eval).
CSP="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${SCRIPT_HASHES% };"
CSP+=" style-src 'self' 'unsafe-inline';"
CSP+=" img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self';"
CSP+=" worker-src 'self' blob:; child-src 'self' blob:; frame-src 'self'; manifest-src 'self';"
CSP+=" object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

# Streamlit's icon font cut to the icons the pages can show (dashboard.icon_font: 64 of its
# 365 KB, on every first visit), made afresh at each start so a new icon in the code is in it.
# Revalidated on each visit rather than kept a year like the bundles: the cut keeps the original's
# name, and a later cut under that name may hold more icons. Without it, nginx serves the original.
# Started by root, nginx's workers read files as nobody, who may not enter $RUN (a private
# temporary directory): the font then goes to a directory of its own, removed on stop.
FONTS="$RUN/fonts"
if [ "$(id -u)" = 0 ]; then
  FONTS=$(mktemp -d /tmp/seeeca-fonts.XXXXXX)
  chmod 755 "$FONTS"
fi
icon_font=""
if "$PY" -m dashboard.icon_font "$FONTS" >"$RUN/icon-font.log" 2>&1; then
  font_name=$(basename "$(ls "$FONTS"/MaterialSymbols-Rounded*.woff2)")
  icon_font+="        location = /static/media/$font_name {"$'\n'
  icon_font+="            alias $FONTS/$font_name;"$'\n'
  icon_font+="            include $RUN/headers.conf;"$'\n'
  icon_font+="            add_header Cache-Control \"no-cache\" always;"$'\n'
  icon_font+="        }"$'\n'
  log "$(tail -n 1 "$RUN/icon-font.log")"
else
  log "icon font not cut, serving Streamlit's own ($(tail -n 1 "$RUN/icon-font.log"))" >&2
fi

# Each replica N: a server of seeeca_new (new browsers, in turn), its route label rN for the
# route cookie, and its own upstream seeeca_rN with the other replicas as backups.
upstreams="" route_map="" served_map="" replica_upstreams=""
for i in $(seq 1 "$REPLICAS"); do
  port=$((REPLICA_PORT + i - 1))
  upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
  route_map+="        r$i seeeca_r$i;"$'\n'
  served_map+="        \"127.0.0.1:$port\" r$i;"$'\n'
  replica_upstreams+="    upstream seeeca_r$i {"$'\n'
  replica_upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
  for j in $(seq 1 "$REPLICAS"); do
    [ "$j" = "$i" ] || replica_upstreams+="        server 127.0.0.1:$((REPLICA_PORT + j - 1)) backup;"$'\n'
  done
  replica_upstreams+="        keepalive 8;"$'\n'"    }"$'\n'
done
render() {
  local brotli_on="s/^#@brotli //"
  [ -f "$BROTLI_MODULE" ] || brotli_on="/^#@brotli /d"
  sed -e "$brotli_on" \
    -e "s|@RUN_DIR@|$RUN|g" -e "s|@LISTEN@|$HOST:$PORT|g" -e "s|@STATIC_ROOT@|$STATIC_ROOT|g" \
    -e "s|@MIME_TYPES@|/etc/nginx/mime.types|g" -e "s|@BROTLI_MODULE@|$BROTLI_MODULE|g" \
    -e "s|@CSP@|$CSP|g" "$1" |
    awk -v servers="$upstreams" -v routes="$route_map" -v served="$served_map" \
      -v replicas="$replica_upstreams" -v icon_font="$icon_font" '
      $0 == "@UPSTREAMS@" { printf "%s", servers; next }
      $0 == "@ROUTE_MAP@" { printf "%s", routes; next }
      $0 == "@SERVED_MAP@" { printf "%s", served; next }
      $0 == "@REPLICA_UPSTREAMS@" { printf "%s", replicas; next }
      $0 == "@ICON_FONT@" { printf "%s", icon_font; next }
      { print }'
}
render deploy/nginx.conf.template >"$RUN/nginx.conf"
render deploy/headers.conf.template >"$RUN/headers.conf"
if [ "$(id -u)" = 0 ]; then
  # nginx's workers drop root for an unprivileged user, who must write the temp files.
  sed -i "1i user nobody nogroup;" "$RUN/nginx.conf"
  chown nobody:nogroup "$RUN/tmp"
fi
"$NGINX" -t -q -p "$RUN" -c "$RUN/nginx.conf" -g 'daemon off;'

# --- the replicas -----------------------------------------------------------------------------

if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
  # Streamlit signs its cookies with this; every replica behind one address must agree.
  [ -s "$SERVE_DIR/cookie-secret" ] ||
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_hex(32))' >"$SERVE_DIR/cookie-secret")
  STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$SERVE_DIR/cookie-secret")
fi
export STREAMLIT_SERVER_COOKIE_SECRET
export DASHBOARD_PARQUET="$SERVE_DIR/current"

declare -A PIDS=() FAILS=()
NGINX_PID=""
WARM_PID=""

start_replica() {
  local i=$1 port=$(($REPLICA_PORT + $1 - 1))
  DASHBOARD_DUCKDB_THREADS=$DUCKDB_THREADS \
    "$PY" -m streamlit run "$APP" --server.address 127.0.0.1 --server.port "$port" \
    --server.headless true --client.showErrorDetails none >>"$RUN/replica-$i.log" 2>&1 &
  PIDS[$i]=$!
  FAILS[$i]=-6  # a starting replica has 30 s (at the default interval) before it counts as failing
  echo "${PIDS[$i]} $port" >"$RUN/replica-$i.pid"
}

# GET /_stcore/health with bash alone (no curl on a minimal machine); true if it answers 200.
healthy() {
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && \
    printf 'GET /_stcore/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3" \
    2>/dev/null) || return 1
  [[ $reply == *" 200 "* ]]
}

stopping=""
stop_all() {
  [ -n "$stopping" ] && return
  stopping=1
  set +e  # stop everything even if a process is already gone
  trap - INT TERM
  log "stopping"
  [ -n "$NGINX_PID" ] && kill -TERM "$NGINX_PID" 2>/dev/null
  [ -n "$WARM_PID" ] && kill -TERM "$WARM_PID" 2>/dev/null
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=""
    for pid in "${PIDS[@]}" $NGINX_PID; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.2
  done
  for pid in "${PIDS[@]}" $NGINX_PID; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -f "$RUN/serve.pid" "$RUN"/replica-*.pid
  [ "$FONTS" = "$RUN/fonts" ] || rm -rf "$FONTS"
  log "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

new_release
for i in $(seq 1 "$REPLICAS"); do start_replica "$i"; done
for i in $(seq 1 "$REPLICAS"); do
  port=$((REPLICA_PORT + i - 1))
  for _ in $(seq 1 300); do
    healthy "$port" && break
    kill -0 "${PIDS[$i]}" 2>/dev/null || { tail -n 30 "$RUN/replica-$i.log" >&2; exit 1; }
    sleep 0.3
  done
  healthy "$port" || { log "replica $i did not answer /_stcore/health" >&2; exit 1; }
  log "replica $i on 127.0.0.1:$port (pid ${PIDS[$i]})"
done

# Warm before users arrive: the default page (what a shared link most often opens) before nginx
# starts, the other pages in the background after (see src/dashboard/warmup.py).
ports=$(for i in $(seq 1 "$REPLICAS"); do echo $((REPLICA_PORT + i - 1)); done)
if [ "$APP" = app.py ]; then
  # shellcheck disable=SC2086
  "$PY" -m dashboard.warmup $ports | while read -r line; do log "warmed $line"; done || true
fi
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
if [ "$APP" = app.py ]; then
  # shellcheck disable=SC2086
  "$PY" -m dashboard.warmup --all $ports >"$RUN/warmup.log" 2>&1 &
  WARM_PID=$!
fi
log "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') on http://$HOST:$PORT (pid $NGINX_PID, brotli $([ -f "$BROTLI_MODULE" ] && echo on || echo off, gzip))"
log "open http://$HOST:$PORT ; refresh the data with: bash scripts/serve.sh --refresh ; Ctrl-C stops"

# --- supervision: active health checks ----------------------------------------------------------

# nginx's checks are passive (a refused connection skips the replica for a while). Here a replica
# that exits is restarted at once, and one that fails its health check three times in a row (15 s
# at the default interval) is stopped and restarted.
while true; do
  sleep "$HEALTH_INTERVAL" &
  wait $! || true
  if ! kill -0 "$NGINX_PID" 2>/dev/null; then
    log "nginx exited; see $RUN/error.log" >&2
    exit 1
  fi
  for i in $(seq 1 "$REPLICAS"); do
    port=$((REPLICA_PORT + i - 1))
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "replica $i exited; restarting it"
      start_replica "$i"
    elif healthy "$port"; then
      FAILS[$i]=0
    else
      FAILS[$i]=$((FAILS[$i] + 1))
      if [ "${FAILS[$i]}" -ge 3 ]; then
        log "replica $i failed its health check 3 times; restarting it"
        kill -TERM "${PIDS[$i]}" 2>/dev/null || true
        sleep 3
        kill -KILL "${PIDS[$i]}" 2>/dev/null || true
        start_replica "$i"
      fi
    fi
  done
done
