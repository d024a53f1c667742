package dev.sturdy.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The threads of another JVM, from {@code jcmd <pid> Thread.print}: each thread's name and stack. */
record ThreadDump(List<String> names, List<String> stacks) {
    private static final String JCMD = jcmd();

    private static String jcmd() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path sibling = java.resolveSibling("jcmd");
        return Files.isExecutable(sibling) ? sibling.toString() : "jcmd";
    }

    static ThreadDump of(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(JCMD, Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " Thread.print failed: " + out);
        }
        List<String> names = new ArrayList<>();
        List<String> stacks = new ArrayList<>();
        StringBuilder stack = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("\"")) {
                if (stack != null) {
                    stacks.add(stack.toString());
                }
                names.add(line.substring(1, line.indexOf('"', 1)));
                stack = new StringBuilder();
            } else if (stack != null) {
                stack.append(line).append('\n');
            }
        }
        if (stack != null) {
            stacks.add(stack.toString());
        }
        return new ThreadDump(names, stacks);
    }

    /** Threads of the JVM, the JVM's own (GC, compiler) included. */
    int count() {
        return names.size();
    }

    /** Names of the threads, other than main, running code of the given package or class prefix right now. */
    List<String> runningIn(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals("main") && stacks.get(i).contains("at " + prefix)) {
                out.add(names.get(i));
            }
        }
        return out;
    }
}
