package dev.sturdy.model.graph;

import java.util.List;

/**
 * The "option A" ResNet shortcut: x[:, ::stride, ::stride] with zero channels padded before and
 * after, so the identity path matches a stage that halves resolution and widens channels.
 */
public record ShortcutPad(int stride, int padBefore, int padAfter) implements Op {

    public ShortcutPad {
        if (stride <= 0 || padBefore < 0 || padAfter < 0) {
            throw new ModelException("shortcut_pad: invalid stride " + stride + " / padding " + padBefore + "," + padAfter);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        return new Shape(in.channels() + padBefore + padAfter,
                (in.height() + stride - 1) / stride, (in.width() + stride - 1) / stride);
    }

    @Override
    public String kind() {
        return "shortcut_pad";
    }
}
