#!/usr/bin/python3
"""Exports torchvision's MobileNetV2, ShuffleNetV2 (x0.5) and ResNet-18 with seeded random weights
(too large to commit: 9 to 45 MB each) for the check in model/src/test/onnx/check_torchvision.sh.

    /usr/bin/python3 model/src/test/onnx/export_torchvision.py OUT_DIR [SIZE]

Writes per network NAME.onnx, NAME.input.npy (4 x 3 x SIZE x SIZE float32, default SIZE 32) and
NAME.logits.npy (PyTorch's logits). MobileNetV2 is written twice: batch norm folded (the default
export) and kept as BatchNormalization nodes; ShuffleNetV2 with a dynamic batch dimension.
"""
import os
import sys

import torch
import torchvision

from make_oracle import export, randomise_batch_norms


def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(20261203)
    torch.manual_seed(20261203)
    x = torch.rand((4, 3, size, size), generator=gen) * 2 - 1
    mobilenet = torchvision.models.mobilenet_v2(weights=None, num_classes=10)
    randomise_batch_norms(mobilenet, gen, 0.1)
    export(out, "mobilenet_v2", mobilenet, x, 13, dynamic=False)
    export(out, "mobilenet_v2_bn_nodes", mobilenet, x, 11, preserve_batch_norm=True, dynamic=False)
    shufflenet = torchvision.models.shufflenet_v2_x0_5(weights=None, num_classes=10)
    randomise_batch_norms(shufflenet, gen, 0.1)
    export(out, "shufflenet_v2", shufflenet, x, 13)
    resnet = torchvision.models.resnet18(weights=None, num_classes=10)
    randomise_batch_norms(resnet, gen, 0.1)
    export(out, "resnet18", resnet, x, 17, dynamic=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
