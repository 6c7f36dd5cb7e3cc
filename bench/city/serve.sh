# Sourced by bench/city/seed.sh and reads.sh: start_warmcity BIN DIR ARGS…
# starts `warmcity serve ARGS…` on a free loopback port (output in DIR) and
# sets WC_PID and URL; exits with the server's stderr if it does not start.
start_warmcity() {
  local bin=$1 dir=$2
  shift 2
  "$bin" serve "$@" --listen 127.0.0.1 --port 0 --access-log off --log-level warn \
    --password-cost minimum >"$dir/out.txt" 2>"$dir/err.txt" &
  WC_PID=$!
  URL=
  for _ in $(seq 300); do
    URL=$(grep -o 'http://[0-9.:]*' "$dir/out.txt" 2>/dev/null || true)
    [[ -n "$URL" ]] && break
    sleep 0.1
  done
  [[ -n "$URL" ]] || { echo "warmcity did not start:" >&2; cat "$dir/err.txt" >&2; exit 1; }
}
