#!/usr/bin/python3
"""Independent oracle for `sturdy import --onnx`: small PyTorch networks that cover every supported
ONNX operator, exported with torch.onnx.export, with fixed inputs and PyTorch's own logits.

Run from the repository root with Debian's python3-torch and python3-onnx (no other packages):
    /usr/bin/python3 model/src/test/onnx/make_oracle.py
It rewrites model/src/test/resources/onnx/NAME.onnx, NAME.input.npy (N x C x H x W float32) and
NAME.logits.npy (N x classes float32); the outputs are committed, so the tests need no Python.
"""
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")
BATCH = 4


def randomise_batch_norms(net, gen, mean_scale=0.2):
    """Running statistics and affine parameters away from the identity, so batch norm matters."""
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(m.num_features, generator=gen) * mean_scale)
                m.running_var.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=gen) * 0.1)


class SmallCnn(nn.Module):
    """Conv (no bias) + BatchNorm + Relu, MaxPool, strided Conv with bias, AveragePool, Flatten, Gemm."""

    def __init__(self, view):
        super().__init__()
        self.view = view
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(16 * 2 * 2, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.avg_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        # view(size(0), -1) makes the exporter write shape arithmetic for the dynamic batch
        x = x.view(x.size(0), -1) if self.view else torch.flatten(x, 1)
        return self.fc(self.drop(x))


class Shortcut(nn.Module):
    """The option-A shortcut of CIFAR ResNets: every second row and column, zero channels around."""

    def __init__(self, pad):
        super().__init__()
        self.pad = pad

    def forward(self, x):
        return F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, self.pad, self.pad), "constant", 0)


class TinyResNet(nn.Module):
    """Two basic blocks (the second halves the resolution with an option-A shortcut), global pooling as
    avg_pool2d over the whole map, as the CIFAR ResNets of Lee et al. do."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(4)
        self.a1 = nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.a1bn = nn.BatchNorm2d(4)
        self.a2 = nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.a2bn = nn.BatchNorm2d(4)
        self.b1 = nn.Conv2d(4, 8, 3, stride=2, padding=1, bias=False)
        self.b1bn = nn.BatchNorm2d(8)
        self.b2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.b2bn = nn.BatchNorm2d(8)
        self.short = Shortcut(2)
        self.linear = nn.Linear(8, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        y = F.relu(self.a1bn(self.a1(x)))
        x = F.relu(self.a2bn(self.a2(y)) + x)
        y = F.relu(self.b1bn(self.b1(x)))
        x = F.relu(self.b2bn(self.b2(y)) + self.short(x))
        x = F.avg_pool2d(x, int(x.size()[3]))  # a constant window when traced
        return self.linear(x.view(x.size(0), -1))


class MatMulMean(nn.Module):
    """ReduceMean over H and W, then MatMul with Add (a linear layer written by hand)."""

    def __init__(self, gen):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 5, padding=2)
        self.w = nn.Parameter(torch.randn(6, 10, generator=gen) * 0.5)
        self.b = nn.Parameter(torch.randn(10, generator=gen) * 0.1)

    def forward(self, x):
        x = F.relu(self.conv(x)).mean((2, 3))
        return torch.matmul(x, self.w) + self.b


class InvertedResidual(nn.Module):
    """MobileNetV2's block: 1x1 expansion, depthwise 3x3, 1x1 projection, ReLU6, residual when shapes allow."""

    def __init__(self, inp, out, stride, expand):
        super().__init__()
        hidden = inp * expand
        self.residual = stride == 1 and inp == out
        self.body = nn.Sequential(
            nn.Conv2d(inp, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden),
            nn.ReLU6(inplace=True),
            nn.Conv2d(hidden, out, 1, bias=False), nn.BatchNorm2d(out))

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


class MobileBlocks(nn.Module):
    """Clip 0..6 (ReLU6), depthwise and grouped Conv, padded MaxPool, GlobalAveragePool."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU6(inplace=True))
        self.block1 = InvertedResidual(8, 8, 1, 2)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)
        self.grouped = nn.Sequential(nn.Conv2d(8, 12, 3, padding=1, groups=4), nn.BatchNorm2d(12), nn.ReLU(inplace=True))
        self.block2 = InvertedResidual(12, 16, 2, 2)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.pool(self.block1(self.stem(x)))
        x = self.block2(self.grouped(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def channel_shuffle(x, groups):
    """torchvision's ShuffleNetV2 shuffle: view, transpose, view (shape arithmetic for the dynamic batch)."""
    n, c, h, w = x.size()
    x = x.view(n, groups, c // groups, h, w)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(n, -1, h, w)


class ShuffleUnit(nn.Module):
    """ShuffleNetV2's unit: stride 1 splits the channels (chunk) and transforms one half; stride 2
    transforms the whole input on two branches; both concatenate and shuffle."""

    def __init__(self, inp, out, stride):
        super().__init__()
        self.stride = stride
        half = out // 2
        if stride > 1:
            self.branch1 = nn.Sequential(
                nn.Conv2d(inp, inp, 3, stride, 1, groups=inp, bias=False), nn.BatchNorm2d(inp),
                nn.Conv2d(inp, half, 1, bias=False), nn.BatchNorm2d(half), nn.ReLU(inplace=True))
        branch_in = inp if stride > 1 else half
        self.branch2 = nn.Sequential(
            nn.Conv2d(branch_in, half, 1, bias=False), nn.BatchNorm2d(half), nn.ReLU(inplace=True),
            nn.Conv2d(half, half, 3, stride, 1, groups=half, bias=False), nn.BatchNorm2d(half),
            nn.Conv2d(half, half, 1, bias=False), nn.BatchNorm2d(half), nn.ReLU(inplace=True))

    def forward(self, x):
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        return channel_shuffle(out, 2)


class ShuffleBlocks(nn.Module):
    """Split (chunk), Concat, the Reshape-Transpose-Reshape channel shuffle, padded MaxPool, ReduceMean."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(inplace=True),
                                  nn.MaxPool2d(3, 2, 1))
        self.unit1 = ShuffleUnit(8, 16, 2)
        self.unit2 = ShuffleUnit(16, 16, 1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.unit2(self.unit1(self.stem(x)))
        return self.fc(x.mean([2, 3]))


class DilatedNet(nn.Module):
    """Dilated convolutions, dense and depthwise (DeepLab-style context layers)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, padding=2, dilation=2, bias=False)
        self.bn = nn.BatchNorm2d(6)
        self.depthwise = nn.Conv2d(6, 6, 3, stride=2, padding=3, dilation=3, groups=6)
        self.fc = nn.Linear(6, 10)

    def forward(self, x):
        x = F.relu(self.depthwise(F.relu(self.bn(self.conv(x)))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class SigmoidNet(nn.Module):
    """Not a ReLU network: the importer must refuse it with a reason."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.fc = nn.Linear(4 * 14 * 14, 10)

    def forward(self, x):
        return self.fc(torch.flatten(torch.sigmoid(self.conv(x)), 1))


def export(out, name, net, x, opset, preserve_batch_norm=False, dynamic=True):
    """NAME.onnx, NAME.input.npy (x) and NAME.logits.npy (PyTorch's logits of x) in out."""
    net.eval()
    with torch.no_grad():
        logits = net(x)
    path = os.path.join(out, name + ".onnx")
    kwargs = dict(opset_version=opset, input_names=["image"], output_names=["logits"])
    if dynamic:
        kwargs["dynamic_axes"] = {"image": {0: "batch"}, "logits": {0: "batch"}}
    if preserve_batch_norm:
        # keeps BatchNormalization as nodes instead of folding it into the convolutions
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
        kwargs["do_constant_folding"] = False
    torch.onnx.export(net, x, path, **kwargs)
    onnx.checker.check_model(onnx.load(path))
    np.save(os.path.join(out, name + ".input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, name + ".logits.npy"), logits.numpy().astype(np.float32))
    ops = sorted({n.op_type for n in onnx.load(path).graph.node})
    print(f"{name}: {os.path.getsize(path) / 1e6:.1f} MB, opset {opset}, operators {', '.join(ops)}", flush=True)


def image_batch(gen, shape=(3, 16, 16)):
    return torch.rand((BATCH,) + shape, generator=gen) * 2 - 1


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(20261203)
    torch.manual_seed(20261203)
    nets = [
        ("cnn_bn_nodes", SmallCnn(view=False), 13, True),
        ("cnn_folded_dynamic", SmallCnn(view=True), 11, False),
        ("tiny_resnet", TinyResNet(), 13, False),
        ("matmul_mean", MatMulMean(gen), 17, False),
        ("mobile_blocks", MobileBlocks(), 13, False),
        ("mobile_blocks_bn_nodes", MobileBlocks(), 11, True),
        ("shuffle_blocks", ShuffleBlocks(), 11, False),
        ("shuffle_blocks_bn_nodes", ShuffleBlocks(), 13, True),
    ]
    for name, net, opset, preserve in nets:
        randomise_batch_norms(net, gen)
        export(OUT, name, net, image_batch(gen), opset, preserve_batch_norm=preserve)
    export(OUT, "sigmoid_net", SigmoidNet(), image_batch(gen), 13)
    dilated = DilatedNet()
    randomise_batch_norms(dilated, gen)
    export(OUT, "dilated_net", dilated, image_batch(gen), 13)
    return 0


if __name__ == "__main__":
    sys.exit(main())
