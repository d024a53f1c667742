package dev.sturdy.train;

/** DJL runs offline here: the native libtorch comes from the jar on the class path, nothing is downloaded. */
final class DjlSetup {

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
}
