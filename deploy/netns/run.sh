#!/usr/bin/env bash
# Multi-host test of a Sturdy deployment on network namespaces of this machine (needs root and `ip`).
#
# Every role gets a namespace of its own (a "host"), and so does the client; each namespace has one
# veth link to a bridge and a private address 10.77.0.x. The script writes certificates and configs
# for those addresses (sturdy certs), splits the demo model (sturdy share), starts every role inside
# its namespace, queries from the client namespace (sturdy query --check-plain: the secure class of
# each sample image must equal the plaintext PANN's), and tears everything down on exit. Exit 0 when
# every image agrees. See docs/deploy.md.
#
#   sudo deploy/netns/run.sh [--parties 2|3] [--beta 9] [--images 4] [--keep]
#
# --keep leaves the working directory (certificates, shares, role logs) in place; it is always kept
# when the test fails. STURDY_CLASSPATH, when set, runs the roles from that class path instead of
# deploy/target/sturdy.jar (which the ./sturdy launcher builds when it is missing or stale).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
parties=2
beta=9
images=4
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --parties) parties="$2"; shift 2 ;;
    --beta) beta="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "netns: $(date -u +%H:%M:%S) $*" >&2; }
die() { echo "netns: $*" >&2; exit 1; }

case "$parties" in 2|3) ;; *) die "--parties must be 2 or 3, not '$parties'" ;; esac
[ "$(id -u)" = 0 ] || die "run as root: it creates network namespaces, veth links and a bridge"
for tool in ip java python3; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed"
done

model="$root/party/src/main/resources/dev/sturdy/party/default.model"
samples="$root/party/src/main/resources/dev/sturdy/party/samples.bin"
if [ -n "${STURDY_CLASSPATH:-}" ]; then
  launch=(java -Xmx1g --add-modules jdk.incubator.vector -cp "$STURDY_CLASSPATH" dev.sturdy.deploy.cli.Sturdy)
else
  say "building the sturdy jar if it is missing or stale"
  "$root/sturdy" --help >/dev/null
  launch=(java -Xmx1g --add-modules jdk.incubator.vector -jar "$root/deploy/target/sturdy.jar")
fi

# Names unique to this run, so runs do not collide; interface names stay within 15 characters.
tag="st$$"
bridge="${tag}br"
roles=()
for ((i = 0; i < parties; i++)); do roles+=("party-$i"); done
roles+=(dealer)
hosts=()
for ((i = 0; i <= parties; i++)); do hosts+=("10.77.0.$((10 + i))"); done
client_ip=10.77.0.100
work="$(mktemp -d /tmp/sturdy-netns.XXXXXX)"
namespaces=()
pids=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping the roles"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for ((t = 0; t < 100; t++)); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ $alive = 0 ] && break
      sleep 0.1
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
  fi
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  ip link del "$bridge" 2>/dev/null || true
  if [ $rc = 0 ] && [ $keep = 0 ]; then
    rm -rf "$work"
  else
    say "kept $work (role logs: $work/deploy/*/role.log)"
  fi
  [ $rc = 0 ] && say "passed" || say "FAILED (exit $rc)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One namespace per host: a veth pair, the outer end on the bridge, the inner end as eth0.
add_host() {
  local name="$1" address="$2" n=${#namespaces[@]}
  local ns="$tag-$name"
  ip netns add "$ns"
  namespaces+=("$ns")
  ip link add "${tag}h$n" type veth peer name "${tag}n$n"
  ip link set "${tag}n$n" netns "$ns"
  ip -n "$ns" link set "${tag}n$n" name eth0
  ip -n "$ns" addr add "$address/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  ip link set "${tag}h$n" master "$bridge" up
}

say "network: bridge $bridge, a namespace for each of ${roles[*]} and the client, on 10.77.0.0/24"
ip link add "$bridge" type bridge
ip link set "$bridge" up
for ((i = 0; i <= parties; i++)); do add_host "${roles[$i]}" "${hosts[$i]}"; done
add_host client "$client_ip"

say "certificates and configurations for ${hosts[*]} (sturdy certs)"
host_list="$(IFS=,; echo "${hosts[*]}")"
"${launch[@]}" certs --hosts "$host_list" --parties "$parties" --precision "$beta" --out "$work/deploy" >/dev/null
say "model shares (sturdy share)"
"${launch[@]}" share --model "$model" --parties "$parties" --beta "$beta" --out "$work/deploy" >/dev/null
mkdir -p "$work/images"
python3 "$here/sample-pngs.py" "$samples" "$images" "$work/images"

say "starting the dealer and $parties compute parties, each in its namespace"
for ((i = parties; i >= 0; i--)); do
  role="${roles[$i]}"
  command=party
  [ "$role" = dealer ] && command=dealer
  ip netns exec "$tag-$role" "${launch[@]}" "$command" --config "$work/deploy/$role/role.properties" \
      >"$work/deploy/$role/role.log" 2>&1 &
  pids+=($!)
done

say "waiting until every role serves (logs: $work/deploy/*/role.log)"
started=$SECONDS
shown=$SECONDS
while true; do
  ready=0
  for role in "${roles[@]}"; do
    grep -q ", serving" "$work/deploy/$role/role.log" && ready=$((ready + 1))
  done
  [ $ready = ${#roles[@]} ] && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || die "a role exited before serving; see the role logs"
  done
  [ $((SECONDS - started)) -ge 180 ] && die "the roles were not serving within 180 s"
  if [ $((SECONDS - shown)) -ge 10 ]; then
    say "$ready of ${#roles[@]} roles serving"
    shown=$SECONDS
  fi
  sleep 0.2
done
say "every role serving after $((SECONDS - started)) s"

grpc=()
for ((i = 0; i < parties; i++)); do grpc+=("${hosts[$i]}:$((7200 + i))"); done
image_list="$(ls "$work"/images/*.png | paste -sd,)"
say "querying $images images from the client namespace ($client_ip)"
ip netns exec "$tag-client" "${launch[@]}" query --parties "$(IFS=,; echo "${grpc[*]}")" \
    --client-dir "$work/deploy/client" --image "$image_list" --check-plain "$model"
