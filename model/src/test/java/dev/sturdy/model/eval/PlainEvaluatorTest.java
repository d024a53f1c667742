package dev.sturdy.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.approx.AppMax;
import dev.sturdy.model.approx.AppRelu;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainEvaluatorTest {

    private static final double BOUND = 50;

    private static Model model(Graph g) {
        return new Model("t", "test", g, List.of(), Normalization.identity(g.input().channels()), new PannSettings(BOUND, 0),
                Map.of());
    }

    @Test
    void outOfRangeInputsAreCountedPerLayerWithTheLargestMagnitude() {
        float[] identity = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        Graph g = Graph.builder(Shape.flat(4))
                .then("fc1", new Linear(4, 4, identity, null))
                .then("act", new Relu())
                .then("fc2", new Linear(1, 4, new float[] {1, 1, 1, 1}, null))
                .build();
        PlainEvaluator e = new PlainEvaluator(model(g));
        CompositeSign sign = SignPolynomials.forBeta(9);
        double[] input = {60, -70.5, 10, -3};
        RangeStats stats = e.newStats();
        double[] out = new double[1];
        e.logitsOfNormalised(input, ActivationMode.pann(sign, BOUND), e.newWorkspace(), stats, out);

        assertEquals(List.of("act"), stats.layers());
        assertEquals(2, stats.outside(0));
        assertEquals(4, stats.total(0));
        assertEquals(70.5, stats.maxAbs(0));
        double expected = 0;
        for (double z : input) {
            expected += AppRelu.apply(z, BOUND, sign);
        }
        assertEquals(expected, out[0], 1e-12);

        RangeStats exact = e.newStats();
        e.logitsOfNormalised(input, ActivationMode.BACKBONE, e.newWorkspace(), exact, out);
        assertEquals(70.0, out[0], 1e-12);
        assertEquals(0, exact.outside(0), "the exact ReLU has no bound");
    }

    @Test
    void maxPoolingUsesAppMaxAsABalancedTree() {
        Graph g = Graph.builder(new Shape(1, 2, 4))
                .then("pool", new MaxPool(2, 2))
                .then("flat", new Flatten())
                .then("fc", new Linear(2, 2, new float[] {1, 0, 0, 1}, null))
                .build();
        PlainEvaluator e = new PlainEvaluator(model(g));
        double[] x = {3.0, -7.25, 12.5, 12.0, 0.5, 2.75, -40.0, 11.5};
        CompositeSign sign = SignPolynomials.forBeta(8);
        AppMax m = new AppMax(sign, BOUND, 2);
        double[] out = new double[2];
        e.logitsOfNormalised(x, ActivationMode.pann(sign, BOUND), e.newWorkspace(), null, out);
        assertEquals(m.max(m.max(3.0, -7.25), m.max(0.5, 2.75)), out[0], 1e-12);
        assertEquals(m.max(m.max(12.5, 12.0), m.max(-40.0, 11.5)), out[1], 1e-12);

        e.logitsOfNormalised(x, ActivationMode.BACKBONE, e.newWorkspace(), null, out);
        assertEquals(3.0, out[0]);
        assertEquals(12.5, out[1]);
    }
}
