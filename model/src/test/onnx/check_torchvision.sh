#!/usr/bin/env bash
# The ONNX import's acceptance check on torchvision's MobileNetV2 (batch norm folded and as nodes),
# ShuffleNetV2 x0.5 (dynamic batch) and ResNet-18, random weights, 32 x 32 inputs:
#   1. import, and `sturdy predict` reproduces PyTorch's logits (max relative difference);
#   2. secure inference (`sturdy local`, every role a process over TLS, 2 parties, B = 9) on CIFAR-10
#      test images gives the plaintext PANN's class (`sturdy query --check-plain`), and its logits
#      follow the plaintext PANN's (`sturdy predict --beta 9 --pixels`).
# Needs Debian's python3-torch, python3-torchvision, python3-onnx. Run from the repository root:
#   model/src/test/onnx/check_torchvision.sh [OUT_DIR] [IMAGES]
set -euo pipefail
out=${1:-$(mktemp -d)}
images=${2:-4}
cifar=${CIFAR:-cifar10-bin:../shared/datasets/cifar10-bin}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
/usr/bin/python3 "$here/export_torchvision.py" "$out" 2>/dev/null
for n in mobilenet_v2 mobilenet_v2_bn_nodes shufflenet_v2 resnet18; do
  ./sturdy import --onnx "$out/$n.onnx" --out "$out/$n.model"
  ./sturdy predict --model "$out/$n.model" --input "$out/$n.input.npy" --out "$out/$n.sturdy.npy"
  /usr/bin/python3 - "$out/$n" <<'PY'
import sys, numpy as np
want, got = np.load(sys.argv[1] + ".logits.npy"), np.load(sys.argv[1] + ".sturdy.npy")
d = (np.abs(want - got) / np.maximum(1, np.abs(want))).max()
print(f"{sys.argv[1].rsplit('/', 1)[1]}: backbone vs PyTorch, max relative logit difference {d:.2e}")
sys.exit(0 if d <= 1e-4 else 1)
PY
done
for n in mobilenet_v2 shufflenet_v2 resnet18; do
  log="$out/$n.local.log"
  ./sturdy local --model "$out/$n.model" --out "$out/$n.local" --parties 2 --beta 9 > "$log" 2>&1 &
  pid=$!
  until grep -q "serving; query with" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  parties=$(sed -n 's/.*--parties \([^ ]*\) .*/\1/p' "$log")
  ./sturdy query --parties "$parties" --client-dir "$out/$n.local/client" --data "$cifar" --limit "$images" \
    --check-plain "$out/$n.model" --json > "$out/$n.query.json"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  /usr/bin/python3 - "$out/$n" "$cifar" <<'PY'
import json, sys, numpy as np
base, cifar = sys.argv[1], sys.argv[2].split(":", 1)[1]
results = json.load(open(base + ".query.json"))["results"]
test = np.fromfile(cifar + "/test_batch.bin", dtype=np.uint8).reshape(-1, 3073)
pixels = np.stack([test[int(r["image"].rsplit("#", 1)[1]), 1:].reshape(3, 32, 32) / 255.0 for r in results])
np.save(base + ".pixels.npy", pixels.astype(np.float32))
json.dump([r["logits"] for r in results], open(base + ".secure.json", "w"))
PY
  ./sturdy predict --model "$out/$n.model" --input "$out/$n.pixels.npy" --pixels --beta 9 --out "$out/$n.pann.npy"
  /usr/bin/python3 - "$out/$n" <<'PY'
import json, sys, numpy as np
base = sys.argv[1]
results = json.load(open(base + ".query.json"))["results"]
secure, pann = np.array(json.load(open(base + ".secure.json"))), np.load(base + ".pann.npy")
agree = sum(r["agrees"] for r in results)
d = np.abs(secure - pann).max()
print(f"{base.rsplit('/', 1)[1]}: secure (2 parties, B = 9) vs plaintext PANN: {agree}/{len(results)} classes agree, "
      f"max logit difference {d:.2e} (logits span {np.ptp(pann):.2e})")
sys.exit(0 if agree == len(results) else 1)
PY
done
