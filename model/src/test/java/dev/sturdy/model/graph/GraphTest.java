package dev.sturdy.model.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GraphTest {

    private static Conv2d conv(int out, int in, int k, int stride, int pad) {
        return new Conv2d(out, in, k, stride, pad, new float[out * in * k * k], null);
    }

    @Test
    void shapesFollowTheLayers() {
        Graph g = Graph.builder(new Shape(3, 32, 32))
                .then("c1", conv(16, 3, 3, 1, 1))
                .then("c2", conv(32, 16, 3, 2, 1))
                .then("pool", new MaxPool(2, 2))
                .then("gap", AvgPool.global())
                .then("flat", new Flatten())
                .then("fc", new Linear(10, 32, new float[320], null))
                .build();
        assertEquals(new Shape(32, 16, 16), g.nodes().get(1).output());
        assertEquals(new Shape(32, 8, 8), g.nodes().get(2).output());
        assertEquals(Shape.flat(10), g.output().output());
    }

    @Test
    void mismatchedShapesNameTheLayer() {
        Graph.Builder b = Graph.builder(new Shape(3, 32, 32)).then("c1", conv(16, 3, 3, 1, 1));
        ModelException e = assertThrows(ModelException.class, () -> b.then("c2", conv(8, 4, 3, 1, 1)));
        assertEquals("layer 'c2': conv2d expects 4 input channels, got shape 16x32x32", e.getMessage());

        Graph.Builder r = Graph.builder(new Shape(16, 8, 8)).then("a", conv(16, 16, 3, 2, 1));
        ModelException add = assertThrows(ModelException.class, () -> r.add("sum", new Add(), "a", "input"));
        assertEquals("layer 'sum': add needs equal shapes, got 16x4x4 and 16x8x8", add.getMessage());

        Graph.Builder f = Graph.builder(new Shape(4, 2, 2));
        ModelException lin = assertThrows(ModelException.class, () -> f.then("fc", new Linear(2, 16, new float[32], null)));
        assertEquals("layer 'fc': linear expects a flat input of 16 features, got 4x2x2", lin.getMessage());
    }

    @Test
    void referencesAndWeightsAreChecked() {
        Graph.Builder b = Graph.builder(new Shape(1, 4, 4));
        assertEquals("layer 'x' reads unknown layer 'nope'",
                assertThrows(ModelException.class, () -> b.add("x", new Relu(), "nope")).getMessage());
        assertEquals("conv2d weight has 3 values, expected 9",
                assertThrows(ModelException.class, () -> new Conv2d(1, 1, 3, 1, 1, new float[3], null)).getMessage());
        assertEquals("layer 'x' (add) takes 2 input(s), got 1",
                assertThrows(ModelException.class, () -> b.add("x", new Add(), "input")).getMessage());
    }
}
