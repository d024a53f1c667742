package dev.sturdy.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One number of a process's /proc/PID/status (Linux): "Threads", "VmRSS" (in KiB), ... */
final class ProcStatus {
    private ProcStatus() {
    }

    static long value(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no " + key + " in /proc/" + pid + "/status");
    }
}
