package dev.sturdy.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;

/** A run of consecutive TCP ports free on this machine right now (for loopback deployments). */
public final class FreePorts {
    private FreePorts() {
    }

    public static int range(int count) throws IOException {
        SecureRandom r = new SecureRandom();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + r.nextInt(30_000);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("found no " + count + " consecutive free ports between 20000 and 50000");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket(p)) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
