package dev.sturdy.model.graph;

import java.util.List;

/** Elementwise sum of two inputs of equal shape (the residual connection). */
public record Add() implements Op {

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (!inputs.get(0).equals(inputs.get(1))) {
            throw new ModelException("add needs equal shapes, got " + inputs.get(0) + " and " + inputs.get(1));
        }
        return inputs.get(0);
    }

    @Override
    public String kind() {
        return "add";
    }

    @Override
    public int arity() {
        return 2;
    }
}
