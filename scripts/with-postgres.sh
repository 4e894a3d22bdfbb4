#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on loopback, for the tests of the team catalogue:
#   scripts/with-postgres.sh go test ./...
# CLUSTERBRIDGE_TEST_PG holds the server's address (a superuser that may create a database per test). The
# server lives in a temporary folder, runs as an unprivileged user (PostgreSQL refuses root) and is stopped and
# removed when the command ends, whatever its outcome.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "with-postgres: PostgreSQL's server is not installed (Debian package postgresql; make deps installs it)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/clusterbridge-pg.XXXXXX)
chmod 755 "$work"
run_as=()
if [[ $(id -u) == 0 ]]; then
  # The Debian package creates the postgres user; any unprivileged user would do.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$work"
  run_as=(runuser -u postgres --)
fi

stop() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${run_as[@]}" "$bindir/initdb" -D "$work/data" -U clusterbridge_test --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
# TLS, so that the tests can check sslmode=verify-full: a CA of the run's own and a certificate it signed for
# localhost (not for 127.0.0.1: a test checks that a name the certificate does not bear is refused).
# CLUSTERBRIDGE_TEST_PG_CA is the CA's certificate, for sslrootcert.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ClusterBridge test CA" \
  -keyout "$work/ca.key" -out "$work/ca.crt" >"$work/tls.log" 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$work/server.key" -out "$work/server.csr" >>"$work/tls.log" 2>&1
printf 'subjectAltName=DNS:localhost\n' >"$work/server.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/server.ext" -out "$work/server.crt" >>"$work/tls.log" 2>&1 || { cat "$work/tls.log" >&2; exit 1; }
chmod 600 "$work/server.key"
chmod 644 "$work/ca.crt" "$work/server.crt"
[[ ${#run_as[@]} -gt 0 ]] && chown postgres "$work/server.key" "$work/server.crt"
# The tests' superuser comes in without a password; the advisors' roles they create must give theirs.
sed -i '1i host all clusterbridge_test 127.0.0.1/32 trust' "$work/data/pg_hba.conf"
# A free port: try a few at random; a taken one makes the server fail to start.
port=
for attempt in 1 2 3 4 5; do
  try=$((20000 + RANDOM % 40000))
  if "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $try -k $work -c fsync=off -c max_connections=200 -c ssl=on -c ssl_cert_file=$work/server.crt -c ssl_key_file=$work/server.key" start >/dev/null; then
    port=$try
    break
  fi
done
if [[ -z "$port" ]]; then
  echo "with-postgres: the test server did not start; its log:" >&2; cat "$work/server.log" >&2; exit 1
fi

export CLUSTERBRIDGE_TEST_PG="postgres://clusterbridge_test@127.0.0.1:$port/postgres?sslmode=disable"
export CLUSTERBRIDGE_TEST_PG_CA="$work/ca.crt"
"$@"
