package dev.sturdy.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.sturdy.model.graph.Shape;
import java.util.Map;
import java.util.Random;

/**
 * A trainable DJL network of the zoo with its parameters under their state_dict names, and the
 * random source of its NGNV noise (reseed it to repeat an epoch's noise).
 */
public record ZooNetwork(String architecture, Shape input, int classes, Block block, Map<String, Parameter> parameters,
                         Random noise) {
}
