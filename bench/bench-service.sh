#!/bin/sh
# bench-service.sh PPJ MKDECK [JOBS]: throughput of `ppj serve` on
# loopback, measured, never asserted.
#
#   1. requests per second on the status route (GET /jobs/T) with wrk,
#      2 threads and 32 connections for 10 s;
#   2. jobs per second end to end (create -> completed) for JOBS (40)
#      small decks (mkdeck, 3 slides, each different so dedup does not
#      apply) sent at once, with the real converter.
#
# Use a release build (meson setup build-rel -Dbuildtype=release); the
# server runs in protected mode (no key) with a fresh data directory.
# CONVERTER=PROGRAM runs the jobs with that program instead of ppj
# convert; CONVERTER=stub uses a shell stand-in that copies a small zip,
# which measures the service alone (queue, child processes, store).
set -eu

ppj=$(realpath "$1")
mkdeck=$(realpath "$2")
jobs=${3:-40}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

if [ "${CONVERTER:-}" = stub ]; then
	printf 'x' >"$tmp/x" && (cd "$tmp" && zip -q stub.zip x)
	cat >"$tmp/stub.sh" <<STUB
#!/bin/sh
echo "1 0 1" >&3; echo "2 1 1" >&3; echo "3 1 1" >&3
cp "$tmp/stub.zip" "\$4"
STUB
	chmod +x "$tmp/stub.sh"
	CONVERTER="$tmp/stub.sh"
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ppj" serve --listen "127.0.0.1:$port" --data "$tmp/data" \
	--log-level warning ${CONVERTER:+--converter "$CONVERTER"} \
	2>"$tmp/log" &
pid=$!
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
	sleep 0.1
done

python3 - "$port" "$mkdeck" "$tmp" "$jobs" <<'PY'
import hashlib, http.client, json, os, subprocess, sys, time
import concurrent.futures as cf

port, mkdeck, tmp, njobs = int(sys.argv[1]), sys.argv[2], sys.argv[3], \
    int(sys.argv[4])

def create(data, name):
    b = "----bench%d" % time.time_ns()
    body = ("--%s\r\nContent-Disposition: form-data; name=\"file_md5\""
            "\r\n\r\n%s\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"file_source\"; filename=\"%s\"\r\n\r\n" %
            (b, hashlib.md5(data).hexdigest(), b, name)).encode() + data + \
        ("\r\n--%s--\r\n" % b).encode()
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("POST", "/jobs", body,
              {"Content-Type": "multipart/form-data; boundary=" + b})
    r = c.getresponse()
    j = json.loads(r.read())
    c.close()
    return j["token"]

def state(t):
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", "/jobs/" + t)
    j = json.loads(c.getresponse().read())
    c.close()
    return j["state"]

decks = []
for i in range(njobs + 1):
    p = os.path.join(tmp, "d%d.pptx" % i)
    subprocess.run([mkdeck, p, "--slides", "3", "--text", "bench%d" % i],
                   check=True)
    decks.append(open(p, "rb").read())

first = create(decks[0], "d0.pptx")
while state(first) not in ("completed", "halted"):
    time.sleep(0.05)
print("first job:", state(first))
open(os.path.join(tmp, "token"), "w").write(first)

t0 = time.time()
with cf.ThreadPoolExecutor(8) as ex:
    tokens = list(ex.map(lambda i: create(decks[i], "d%d.pptx" % i),
                         range(1, njobs + 1)))
done = {}
while len(done) < len(tokens):
    for t in tokens:
        if t not in done:
            s = state(t)
            if s in ("completed", "halted"):
                done[t] = s
    time.sleep(0.02)
dt = time.time() - t0
ok = sum(1 for s in done.values() if s == "completed")
print("end to end: %d jobs (%d completed) in %.2f s: %.1f jobs/s" %
      (len(tokens), ok, dt, len(tokens) / dt))
PY

token=$(cat "$tmp/token")
echo "status route: wrk -t2 -c32 -d10s /jobs/$token"
wrk -t2 -c32 -d10s "http://127.0.0.1:$port/jobs/$token" | \
	grep -E "Requests/sec|Latency|requests in"
