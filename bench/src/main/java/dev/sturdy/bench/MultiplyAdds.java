package dev.sturdy.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Ring multiply-adds done: JMH reports the field per second (secondary result ":multiplyAdds"). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class MultiplyAdds {
    public long multiplyAdds;

    @Setup(Level.Iteration)
    public void reset() {
        multiplyAdds = 0;
    }
}
