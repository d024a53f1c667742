package dev.sturdy.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * DJL runs offline here: the native libtorch comes from the jar on the class path, nothing is
 * downloaded. Before the engine loads, training also sets libtorch's thread count and keeps
 * glibc from handing freed tensor memory back to the system after every step
 * (docs/results/training.md, speed: both settings together made ResNet-20 training 3 to 7 times
 * faster on the shared 2-core machine).
 */
final class DjlSetup {

    /** glibc's mallopt parameters (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private DjlSetup() {
    }

    static void offline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /**
     * Intra-op threads of libtorch (takes effect only before the engine first loads in this JVM).
     * With two threads on a loaded machine OpenMP spends most of its time waiting for the other
     * thread at every operation; one thread did more work per second there.
     */
    static void threads(int intraOp) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(intraOp));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * Tensors of a training step are freed and allocated again at every step; with glibc's
     * defaults the large ones are returned to the system (munmap, heap trimming) and every step
     * pays the page faults of fresh memory again. Keep blocks up to 32 MiB on the heap and never
     * trim it. A no-op where glibc's mallopt is not there.
     */
    static void keepFreedMemory() {
        if (!Platform.isLinux()) {
            return;
        }
        try {
            Function mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, 32 << 20});
            mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE});
            mallopt.invokeInt(new Object[] {M_TOP_PAD, 256 << 20});
        } catch (UnsatisfiedLinkError e) {
            // Not glibc (musl, for example): its allocator has no such settings.
        }
    }
}
