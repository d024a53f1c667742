package dev.sturdy.model;

import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.ModelException;
import java.util.List;
import java.util.Map;

/** Everything a model file holds: the graph with its weights, input normalisation, classes, PANN settings. */
public record Model(String name, String architecture, Graph graph, List<String> classes,
                   Normalization normalization, PannSettings pann, Map<String, String> metadata) {

    public Model {
        classes = List.copyOf(classes);
        metadata = Map.copyOf(metadata);
        if (normalization.channels() != graph.input().channels()) {
            throw new ModelException("normalisation has " + normalization.channels() + " channels, input shape is "
                    + graph.input());
        }
        int outputs = graph.output().output().size();
        if (!classes.isEmpty() && classes.size() != outputs) {
            throw new ModelException(classes.size() + " class names for " + outputs + " outputs");
        }
    }

    public int numClasses() {
        return graph.output().output().size();
    }
}
