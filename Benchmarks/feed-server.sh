# Sourced by the benchmark scripts: serves COUNT generated feeds (a few KB each) from nginx on HOSTS loopback
# addresses (127.0.1.1-HOSTS) at PORT, from $WORK/www. nginx answers conditional requests with 304 by itself (a
# file not modified since the If-Modified-Since time, or with the same ETag).
#   start_feed_server GENERATOR WORK COUNT HOSTS PORT    # sets NGINX_PID; stop it with `kill "$NGINX_PID"`
#   ensure_tools COMMAND:PACKAGE ...                     # installs what is missing (as root), as `make deps` does

# Installs the Debian package of each missing command when running as root (apt-get, like the Makefile's deps
# target); otherwise says what to install and fails.
ensure_tools() {
    local missing="" pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null || missing="$missing ${pair#*:}"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = "0" ]; then
        echo "Installing:$missing" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "the benchmark needs these system packages:$missing (sudo apt-get install$missing)" >&2
        return 1
    fi
}

start_feed_server() {
    local generator=$1 work=$2 count=$3 hosts=$4 port=$5
    ensure_tools nginx:nginx curl:curl
    "$generator" generate "$work/www/feeds" "$count"
    chmod -R a+rX "$work"
    {
        echo "worker_processes 2; pid $work/nginx.pid; error_log $work/nginx-error.log warn;"
        echo "events { worker_connections 4096; }"
        echo "http { access_log off; sendfile on; keepalive_requests 100000; default_type application/rss+xml;"
        echo "  if_modified_since before;"
        echo "  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;"
        echo "  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;"
        echo "  server {"
        for host in $(seq 1 "$hosts"); do echo "    listen 127.0.1.$host:$port;"; done
        echo "    root $work/www; } }"
    } > "$work/nginx.conf"
    mkdir -p "$work/tmp"
    nginx -c "$work/nginx.conf" -p "$work" -g "daemon on;"
    for _ in $(seq 1 50); do
        [ -s "$work/nginx.pid" ] && curl -sf -o /dev/null "http://127.0.1.1:$port/feeds/0.xml" && break
        sleep 0.1
    done
    NGINX_PID=$(cat "$work/nginx.pid")
}
