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

import numpy as np
import onnx
import torch
import torchvision


def randomise_batch_norms(net, gen):
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(m.num_features, generator=gen) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=gen) * 0.1)


def export(out, name, net, x, dynamic=False, preserve=False, opset=13):
    net.eval()
    with torch.no_grad():
        logits = net(x)
    kwargs = dict(opset_version=opset, input_names=["image"], output_names=["logits"])
    if dynamic:
        kwargs["dynamic_axes"] = {"image": {0: "batch"}, "logits": {0: "batch"}}
    if preserve:
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
        kwargs["do_constant_folding"] = False
    path = os.path.join(out, name + ".onnx")
    torch.onnx.export(net, x, path, **kwargs)
    onnx.checker.check_model(onnx.load(path))
    np.save(os.path.join(out, name + ".input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, name + ".logits.npy"), logits.numpy().astype(np.float32))
    ops = sorted({n.op_type for n in onnx.load(path).graph.node})
    print(f"{name}: {os.path.getsize(path) / 1e6:.1f} MB, opset {opset}, operators {', '.join(ops)}", flush=True)


def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(20261203)
    torch.manual_seed(20261203)
    x = torch.rand((4, 3, size, size), generator=gen) * 2 - 1
    mobilenet = torchvision.models.mobilenet_v2(weights=None, num_classes=10)
    randomise_batch_norms(mobilenet, gen)
    export(out, "mobilenet_v2", mobilenet, x)
    export(out, "mobilenet_v2_bn_nodes", mobilenet, x, preserve=True, opset=11)
    shufflenet = torchvision.models.shufflenet_v2_x0_5(weights=None, num_classes=10)
    randomise_batch_norms(shufflenet, gen)
    export(out, "shufflenet_v2", shufflenet, x, dynamic=True)
    resnet = torchvision.models.resnet18(weights=None, num_classes=10)
    randomise_batch_norms(resnet, gen)
    export(out, "resnet18", resnet, x, opset=17)
    return 0


if __name__ == "__main__":
    sys.exit(main())
