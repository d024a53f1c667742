#!/usr/bin/env bash
# The Fashion-MNIST comparison of docs/results/training.md: the same small CNN, data subset, seed
# and schedule, trained vanilla, with NGNV, and with Mixup + NGNV; PANN accuracy tracked per epoch.
# Usage: docs/results/training-comparison.sh OUTDIR [LIMIT] [EPOCHS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: $0 OUTDIR [LIMIT] [EPOCHS]}"
limit="${2:-6000}"
epochs="${3:-3}"
data="idx:/usr/share/datasets/fashion-mnist:train"
common=(--arch smallcnn --data "$data" --limit "$limit" --epochs "$epochs" --batch 128 --lr 0.1 --schedule cosine
        --wd 5e-5 --track-pann 8,9,10 --track-limit 1000 --seed 1)
mkdir -p "$out"
"$root/sturdy" train "${common[@]}" --out "$out/vanilla.model"
"$root/sturdy" train "${common[@]}" --ngnv r=0.3,lambda=0.1 --out "$out/ngnv.model"
"$root/sturdy" train "${common[@]}" --ngnv r=0.3,lambda=0.1 --mixup 0.5 --out "$out/mixup-ngnv.model"
for m in vanilla ngnv mixup-ngnv; do
  "$root/sturdy" eval --model "$out/$m.model" --data idx:/usr/share/datasets/fashion-mnist --beta 8..10
done
