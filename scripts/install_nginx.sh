#!/usr/bin/env bash
# Install Debian's nginx and its brotli filter module when missing (root with apt-get only), for
# scripts/serve.sh and the proxy tests. Only the packages are installed: the nginx service that
# Debian would start on port 80 is kept stopped (a policy-rc.d that refuses service starts is in
# place while apt-get runs); serve.sh runs nginx as an ordinary process with its own files.
# Exit status 0 when nginx is usable afterwards.
set -euo pipefail
nginx_bin() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
if [ -n "$(nginx_bin)" ] && [ -f "$BROTLI_MODULE" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nginx and its brotli filter module..."
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  status=0
  apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      nginx libnginx-mod-http-brotli-filter >/dev/null || status=$?
  [ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ "$status" = 0 ] || echo "warning: apt-get could not install nginx (status $status)" >&2
fi
if [ -z "$(nginx_bin)" ]; then
  echo "warning: nginx is missing and cannot be installed here (needs root and apt-get)" >&2
  exit 1
fi
[ -f "$BROTLI_MODULE" ] || echo "note: no brotli module for nginx; responses are gzip-compressed" >&2
