package dev.sturdy.deploy.bench;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code lenet} workload's network: one 28x28 image through conv5x5(20)-ReLU-maxpool2-
 * conv5x5(50)-ReLU-maxpool2-dense(800,500)-ReLU-dense(500,10), random (He-scaled) weights.
 */
final class LenetModel {
    private LenetModel() {
    }

    static Model random(SecureRandom rnd) {
        Graph g = Graph.builder(new Shape(1, 28, 28))
                .then("conv1", new Conv2d(20, 1, 5, 1, 0, he(rnd, 20 * 25, 25), he(rnd, 20, 25)))
                .then("relu1", new Relu())
                .then("pool1", new MaxPool(2, 2))
                .then("conv2", new Conv2d(50, 20, 5, 1, 0, he(rnd, 50 * 20 * 25, 20 * 25), he(rnd, 50, 20 * 25)))
                .then("relu2", new Relu())
                .then("pool2", new MaxPool(2, 2))
                .then("flatten", new Flatten())
                .then("dense1", new Linear(500, 800, he(rnd, 500 * 800, 800), he(rnd, 500, 800)))
                .then("relu3", new Relu())
                .then("dense2", new Linear(10, 500, he(rnd, 10 * 500, 500), he(rnd, 10, 500)))
                .build();
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add("class-" + k);
        }
        return new Model("lenet-random", "lenet", g, classes, Normalization.identity(1), new PannSettings(50, 0),
                Map.of("note", "random weights for the lenet workload"));
    }

    private static float[] he(SecureRandom rnd, int n, int fanIn) {
        double std = Math.sqrt(2.0 / fanIn);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (std * rnd.nextGaussian());
        }
        return w;
    }
}
