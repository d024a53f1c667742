package dev.sturdy.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Secret elements processed: JMH reports the field as elements per second (secondary result ":elements"). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Elements {
    public long elements;

    @Setup(Level.Iteration)
    public void reset() {
        elements = 0;
    }
}
