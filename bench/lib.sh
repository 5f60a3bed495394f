# Shared by the bench scripts (sourced): loopback registries, deterministic data, W1's context, timing.
# The caller sets `work` (scratch directory) and `kubefile` (the launcher) first.
MB=$((1024 * 1024))
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_registry() { # dir port
  cat > "$1.yml" <<YML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $1 }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$2 }
YML
  docker-registry serve "$1.yml" >"$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$2/v2/" >/dev/null && return 0; sleep 0.1; done
  echo "bench: registry on $2 did not start" >&2; exit 1
}
stop_registry() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }
# Deterministic incompressible bytes: AES-CTR keystream of a named seed.
# head closes the pipe early, so openssl's SIGPIPE is expected; the size check is what counts.
random_file() {
  { openssl enc -aes-128-ctr -pass "pass:$1" -nosalt -pbkdf2 </dev/zero 2>/dev/null || true; } | head -c "$2" >"$3"
  [[ "$(stat -c %s "$3")" == "$2" ]] || { echo "bench: could not write $3" >&2; exit 1; }
}

# W1's build context: 8 pods naming images 1-8, an images.txt naming 9-12 (from the global
# `images` array), a 128 MB (x scale) opt/binary, and the sealos-style Kubefile.
make_context() { # dir
  mkdir -p "$1/manifests" "$1/images/shim" "$1/opt" "$1/registry"
  for i in $(seq 1 8); do
    printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: img%s\nspec:\n  containers:\n  - name: c\n    image: %s\n' "$i" "${images[$((i - 1))]}" >"$1/manifests/pod$i.yaml"
  done
  for i in $(seq 9 12); do echo "${images[$((i - 1))]}"; done >"$1/images/shim/images.txt"
  random_file opt $((128 * MB * scale)) "$1/opt/binary"
  cat >"$1/Kubefile" <<'KF'
FROM scratch
LABEL sealos.io.type="application" sealos.io.version="v1beta1"
ENV NAMESPACE=bench
COPY manifests manifests
COPY opt opt
COPY registry registry
CMD ["kubectl apply -f manifests/"]
KF
}

measure() { # label logfile cmd... ; prints "wall_seconds peak_rss_kb" (LOG.time adds user and system CPU s)
  local label="$1" log="$2"; shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$log.time" "$@" >"$log" 2>&1 || { echo "bench: $label failed, see $log" >&2; cat "$log" >&2; exit 1; }
  cut -d' ' -f1,2 "$log.time"
}
