package dev.sturdy.model.graph;

/** A model that cannot be built or read: wrong shapes, missing weights, unknown format. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
