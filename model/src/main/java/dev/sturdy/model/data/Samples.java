package dev.sturdy.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Choosing which images of a data set to use. */
public final class Samples {

    private Samples() {
    }

    /**
     * {@code limit} indices with the classes as equally represented as their sizes allow, chosen
     * at random but the same for the same seed, sorted ascending. All indices when
     * {@code limit <= 0} or {@code limit >= d.size()}.
     */
    public static int[] classBalanced(Dataset d, int limit, long seed) {
        if (limit <= 0 || limit >= d.size()) {
            return IntStream.range(0, d.size()).toArray();
        }
        List<List<Integer>> byClass = indicesByClass(d);
        Random random = new Random(seed);
        int[] quota = quotas(byClass, limit, random);
        int[] chosen = new int[limit];
        int n = 0;
        for (int k = 0; k < byClass.size(); k++) {
            List<Integer> members = byClass.get(k);
            // Partial Fisher-Yates: the first quota[k] places end up a uniform random subset.
            for (int i = 0; i < quota[k]; i++) {
                int j = i + random.nextInt(members.size() - i);
                Integer swap = members.get(i);
                members.set(i, members.get(j));
                members.set(j, swap);
                chosen[n++] = members.get(i);
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static List<List<Integer>> indicesByClass(Dataset d) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            int label = d.label(i);
            while (byClass.size() <= label) {
                byClass.add(new ArrayList<>());
            }
            byClass.get(label).add(i);
        }
        return byClass;
    }

    /**
     * Per-class counts summing to {@code limit < size}: classes too small for an equal share give all
     * they have and the rest is shared among the others (at least one stays open because limit <
     * size); the last few left over go to random classes.
     */
    private static int[] quotas(List<List<Integer>> byClass, int limit, Random random) {
        int[] quota = new int[byClass.size()];
        List<Integer> open = new ArrayList<>(IntStream.range(0, byClass.size()).boxed().toList());
        open.sort(Comparator.comparingInt(k -> byClass.get(k).size()));
        int remaining = limit;
        while (!open.isEmpty() && byClass.get(open.get(0)).size() <= remaining / open.size()) {
            int k = open.remove(0);
            quota[k] = byClass.get(k).size();
            remaining -= quota[k];
        }
        int share = remaining / open.size();
        Collections.shuffle(open, random);
        for (int i = 0; i < open.size(); i++) {
            quota[open.get(i)] = share + (i < remaining % open.size() ? 1 : 0);
        }
        return quota;
    }
}
