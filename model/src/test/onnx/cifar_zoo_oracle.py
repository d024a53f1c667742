#!/usr/bin/python3
"""The zoo's CIFAR MobileNetV2 and ShuffleNetV2 written independently in PyTorch, with the module
names of the common CIFAR training code, so that `sturdy import --arch` reads their state_dicts:

    /usr/bin/python3 model/src/test/onnx/cifar_zoo_oracle.py OUT_DIR
    ./sturdy import --arch mobilenetv2 --weights OUT_DIR/mobilenetv2.npz --out m.model
    ./sturdy predict --model m.model --input OUT_DIR/mobilenetv2.input.npy --out got.npy   # = OUT_DIR/mobilenetv2.logits.npy

Writes NAME.npz (the state_dict, seeded random weights), NAME.input.npy and NAME.logits.npy.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from make_oracle import randomise_batch_norms


def conv_bn(inp, out, kernel, stride=1, groups=1):
    return (nn.Conv2d(inp, out, kernel, stride, kernel // 2, groups=groups, bias=False), nn.BatchNorm2d(out))


class InvertedResidual(nn.Module):
    def __init__(self, inp, out, expansion, stride):
        super().__init__()
        planes = expansion * inp
        self.stride = stride
        self.conv1, self.bn1 = conv_bn(inp, planes, 1)
        self.conv2, self.bn2 = conv_bn(planes, planes, 3, stride, planes)
        self.conv3, self.bn3 = conv_bn(planes, out, 1)
        self.shortcut = nn.Sequential(*conv_bn(inp, out, 1)) if stride == 1 and inp != out else nn.Sequential()

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return y + self.shortcut(x) if self.stride == 1 else y


class MobileNetV2(nn.Module):
    STAGES = [(1, 16, 1, 1), (6, 24, 2, 1), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]

    def __init__(self, classes=10):
        super().__init__()
        self.conv1, self.bn1 = conv_bn(3, 32, 3)
        blocks, inp = [], 32
        for expansion, out, n, stride in self.STAGES:
            for i in range(n):
                blocks.append(InvertedResidual(inp, out, expansion, stride if i == 0 else 1))
                inp = out
        self.layers = nn.Sequential(*blocks)
        self.conv2, self.bn2 = conv_bn(320, 1280, 1)
        self.linear = nn.Linear(1280, classes)

    def forward(self, x):
        x = self.layers(F.relu(self.bn1(self.conv1(x))))
        x = F.relu(self.bn2(self.conv2(x)))
        return self.linear(F.avg_pool2d(x, 4).flatten(1))


def shuffle(x):
    n, c, h, w = x.size()
    return x.view(n, 2, c // 2, h, w).permute(0, 2, 1, 3, 4).reshape(n, c, h, w)


class BasicUnit(nn.Module):
    def __init__(self, channels):
        super().__init__()
        half = channels // 2
        self.half = half
        self.conv1, self.bn1 = conv_bn(half, half, 1)
        self.conv2, self.bn2 = conv_bn(half, half, 3, 1, half)
        self.conv3, self.bn3 = conv_bn(half, half, 1)

    def forward(self, x):
        x1, x2 = x[:, :self.half], x[:, self.half:]
        y = F.relu(self.bn1(self.conv1(x2)))
        y = self.bn2(self.conv2(y))
        y = F.relu(self.bn3(self.conv3(y)))
        return shuffle(torch.cat([x1, y], 1))


class DownUnit(nn.Module):
    def __init__(self, inp, out):
        super().__init__()
        mid = out // 2
        self.conv1, self.bn1 = conv_bn(inp, inp, 3, 2, inp)
        self.conv2, self.bn2 = conv_bn(inp, mid, 1)
        self.conv3, self.bn3 = conv_bn(inp, mid, 1)
        self.conv4, self.bn4 = conv_bn(mid, mid, 3, 2, mid)
        self.conv5, self.bn5 = conv_bn(mid, mid, 1)

    def forward(self, x):
        left = F.relu(self.bn2(self.conv2(self.bn1(self.conv1(x)))))
        right = F.relu(self.bn3(self.conv3(x)))
        right = F.relu(self.bn5(self.conv5(self.bn4(self.conv4(right)))))
        return shuffle(torch.cat([left, right], 1))


class ShuffleNetV2(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1, self.bn1 = conv_bn(3, 24, 3)
        inp = 24
        for k, (out, n) in enumerate(zip((48, 96, 192), (3, 7, 3)), 1):
            setattr(self, f"layer{k}", nn.Sequential(DownUnit(inp, out), *[BasicUnit(out) for _ in range(n)]))
            inp = out
        self.conv2, self.bn2 = conv_bn(192, 1024, 1)
        self.linear = nn.Linear(1024, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        return self.linear(F.avg_pool2d(x, 4).flatten(1))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(20261203)
    torch.manual_seed(20261203)
    x = torch.rand((4, 3, 32, 32), generator=gen) * 2 - 1
    for name, net in (("mobilenetv2", MobileNetV2()), ("shufflenetv2", ShuffleNetV2())):
        randomise_batch_norms(net, gen, 0.1)
        net.eval()
        with torch.no_grad():
            logits = net(x)
        state = {k: v.numpy() for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
        np.savez(os.path.join(out, name + ".npz"), **state)
        np.save(os.path.join(out, name + ".input.npy"), x.numpy().astype(np.float32))
        np.save(os.path.join(out, name + ".logits.npy"), logits.numpy().astype(np.float32))
        print(f"{name}: {sum(v.size for v in state.values())} parameters", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
