package dev.sturdy.protocol.correlation;

/** What the dealer's computation of one request may read: earlier requests' values and the weights' masks. */
public interface DealerMemory {
    /** The values of the earlier request with this id (it must be listed in the reader's references). */
    Values of(int id);

    /** The mask of a weighted layer's weights (ring elements), as the parties' shares of it add up. */
    long[] weightMask(int layer);
}
