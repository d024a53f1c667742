#!/usr/bin/env bash
# The runs of docs/results/sturdiness.md, one after the other:
#  (a) weight decay 5e-4 vs 0, vanilla training otherwise, PANN accuracy tracked per epoch;
#  (b) vanilla vs NGNV vs Mixup + NGNV at the same weight decay 5e-4 (vanilla is (a)'s 5e-4 run).
# Fashion-MNIST small CNN first, then CIFAR-10 ResNet-20; every model is then evaluated on the whole
# test set, and the per-epoch histories of (a) are drawn into one plot per data set.
# Usage: docs/results/sturdiness.sh OUTDIR [RUN...]   (default: all runs in the order below)
# Sizes (environment, defaults = what sturdiness.md reports): FM_LIMIT FM_EPOCHS C_LIMIT C_EPOCHS.
# STURDY: the launcher to use (default: the repository's ./sturdy); STURDY_JAR: the jar holding
# TrackComparison, which draws the plots (default: deploy/target/sturdy.jar, built by ./sturdy).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: $0 OUTDIR [RUN...]}"
shift
sturdy="${STURDY:-$root/sturdy}"
jar="${STURDY_JAR:-$root/deploy/target/sturdy.jar}"
fm_limit="${FM_LIMIT:-20000}"
fm_epochs="${FM_EPOCHS:-10}"
c_limit="${C_LIMIT:-10000}"
c_epochs="${C_EPOCHS:-6}"
fmnist=/usr/share/datasets/fashion-mnist
cifar="$root/../shared/datasets/cifar10-jpg"
[ -d "$cifar" ] || cifar=/work/shared/datasets/cifar10-jpg
mkdir -p "$out"

# run NAME TEST_SPEC BETAS TRAIN_OPTIONS...: trains OUT/NAME.model, then evaluates it on all of TEST_SPEC.
run() {
  local name="$1" test="$2" betas="$3"
  shift 3
  echo "== $name: $(date -u +%H:%M:%S) UTC"
  "$sturdy" train "$@" --out "$out/$name.model" 2>&1 | tee "$out/$name.train.log"
  "$sturdy" eval --model "$out/$name.model" --data "$test" --beta "$betas" --json > "$out/$name.eval.json"
  echo "== $name evaluated: $(date -u +%H:%M:%S) UTC"
}

fm=(--arch smallcnn --data "idx:$fmnist:train" --limit "$fm_limit" --epochs "$fm_epochs" --batch 128 --lr 0.1
    --schedule paper --track-pann 8,9,10 --track-limit 1000 --seed 1)
c=(--arch resnet20 --data "imagefolder:$cifar/train" --limit "$c_limit" --epochs "$c_epochs" --batch 128 --lr 0.1
   --schedule paper --track-pann 8,9 --track-limit 500 --seed 1)
ngnv=(--ngnv r=0.3,lambda=0.1)

fm_test="idx:$fmnist"
c_test="imagefolder:$cifar/test"
all=(fmnist-wd0 fmnist-wd5e-4 fmnist-ngnv fmnist-mixup-ngnv cifar-wd0 cifar-wd5e-4 cifar-ngnv cifar-mixup-ngnv)
for name in "${@:-${all[@]}}"; do
  case "$name" in
    fmnist-wd0) run "$name" "$fm_test" 6..14 "${fm[@]}" --wd 0 ;;
    fmnist-wd5e-4) run "$name" "$fm_test" 6..14 "${fm[@]}" --wd 5e-4 ;;
    fmnist-ngnv) run "$name" "$fm_test" 6..14 "${fm[@]}" --wd 5e-4 "${ngnv[@]}" ;;
    fmnist-mixup-ngnv) run "$name" "$fm_test" 6..14 "${fm[@]}" --wd 5e-4 "${ngnv[@]}" --mixup 0.5 ;;
    cifar-wd0) run "$name" "$c_test" 8..10 "${c[@]}" --wd 0 ;;
    cifar-wd5e-4) run "$name" "$c_test" 8..10 "${c[@]}" --wd 5e-4 ;;
    cifar-ngnv) run "$name" "$c_test" 8..10 "${c[@]}" --wd 5e-4 "${ngnv[@]}" ;;
    cifar-mixup-ngnv) run "$name" "$c_test" 8..10 "${c[@]}" --wd 5e-4 "${ngnv[@]}" --mixup 0.5 ;;
    *) echo "unknown run '$name'; runs: ${all[*]}" >&2; exit 2 ;;
  esac
done

# The per-epoch histories in one plot (and one CSV) per finding and data set, for the runs there are.
compare() {
  local png="$1" title="$2" columns="$3"
  shift 3
  local runs=()
  for r in "$@"; do
    [ -f "$out/${r#*=}.track.csv" ] && runs+=("${r%%=*}=$out/${r#*=}.track.csv")
  done
  if [ "${#runs[@]}" -ge 2 ]; then
    java -cp "$jar" dev.sturdy.train.TrackComparison "$out/$png" "$title" "$columns" "${runs[@]}"
  fi
}
compare fmnist-weight-decay.png "Fashion-MNIST, small CNN: weight decay 0 vs 5e-4" backbone,B8,B9 \
  "wd 0=fmnist-wd0" "wd 5e-4=fmnist-wd5e-4"
compare fmnist-remedies.png "Fashion-MNIST, small CNN, weight decay 5e-4: vanilla, NGNV, Mixup + NGNV" B8,B9 \
  "vanilla=fmnist-wd5e-4" "NGNV=fmnist-ngnv" "Mixup+NGNV=fmnist-mixup-ngnv"
compare cifar-weight-decay.png "CIFAR-10, ResNet-20: weight decay 0 vs 5e-4" backbone,B8,B9 \
  "wd 0=cifar-wd0" "wd 5e-4=cifar-wd5e-4"
compare cifar-remedies.png "CIFAR-10, ResNet-20, weight decay 5e-4: vanilla, NGNV, Mixup + NGNV" B8,B9 \
  "vanilla=cifar-wd5e-4" "NGNV=cifar-ngnv" "Mixup+NGNV=cifar-mixup-ngnv"
