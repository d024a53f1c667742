# Sourced by the container scripts: podman as it works on these machines (../shared/notes/containers.md):
# the runc runtime (crun refuses cgroups in hybrid mode) and no default ulimits (setrlimit is denied).
STURDY_CONTAINERS_CONF="${STURDY_CONTAINERS_CONF:-$(mktemp -t sturdy-containers-XXXXXX.conf)}"
printf '[containers]\ndefault_ulimits = []\n' > "$STURDY_CONTAINERS_CONF"
export CONTAINERS_CONF="$STURDY_CONTAINERS_CONF"
pm() { podman --runtime runc "$@"; }
