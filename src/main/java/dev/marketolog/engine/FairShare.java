package dev.marketolog.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * What one instance does with the accounts so that the live instances run about as many each: pure, so every instance
 * that reads the same {@link Roster} reaches the same answer. The share is the accounts some live instance can run over
 * the live instances, rounded up, where each instance counts with at most the accounts it can run (an instance without
 * sessions takes nothing, so the others' shares grow by what it cannot take).
 *
 * @param share how many accounts this instance runs at most
 * @param handOver accounts running here above the share, which another live instance can run: to be given up
 * @param take accounts nobody holds, which this instance can run, up to the share (and those only it can run beyond
 *     it): to be taken
 * @param takenElsewhere accounts running here whose lease another instance holds: to be stopped at once
 */
record FairShare(int share, List<String> handOver, List<String> take, List<String> takenElsewhere) {

    FairShare {
        handOver = List.copyOf(handOver);
        take = List.copyOf(take);
        takenElsewhere = List.copyOf(takenElsewhere);
    }

    /**
     * @param self this instance's id (a lease it holds in the roster is its own, as after a restart)
     * @param runningHere the accounts this instance runs now
     */
    static FairShare plan(String self, Roster roster, Set<String> runningHere) {
        Map<String, Set<String>> live = roster.live();
        long accounts = live.values().stream().flatMap(Set::stream).distinct().count();
        int share = share(accounts, live.values().stream().mapToInt(Set::size).toArray());
        // an account fewer instances can run is taken first and given up last, so that it finds a place
        ToIntFunction<String> runners = account -> (int) live.values().stream().filter(r -> r.contains(account)).count();

        List<String> takenElsewhere = runningHere.stream()
                .filter(account -> roster.holders().containsKey(account) && !roster.holders().get(account).equals(self))
                .sorted()
                .toList();
        List<String> kept = runningHere.stream().filter(account -> !takenElsewhere.contains(account)).toList();
        List<String> free = live.getOrDefault(self, Set.of()).stream()
                .filter(account -> !runningHere.contains(account))
                .filter(account -> self.equals(roster.holders().getOrDefault(account, self)))
                .sorted(Comparator.comparingInt(runners).thenComparing(Comparator.naturalOrder()))
                .toList();
        // a free account no other live instance can run is taken whatever the share, and makes room by a hand-over
        long onlyHere = free.stream().filter(account -> runners.applyAsInt(account) == 1).count();
        List<String> handOver = kept.stream()
                .filter(account -> runners.applyAsInt(account) > 1)
                .sorted(Comparator.comparingInt(runners).reversed().thenComparing(Comparator.reverseOrder()))
                .limit(Math.max(0, kept.size() + onlyHere - share))
                .toList();
        List<String> take = free.stream()
                .limit(Math.max(onlyHere, share - kept.size()))
                .toList();
        return new FairShare(share, handOver, take, takenElsewhere);
    }

    /** The least share at which the instances, each taking at most the share and at most what it can run, run them all. */
    private static int share(long accounts, int[] capacities) {
        int most = IntStream.of(capacities).max().orElse(0);
        int share = 0;
        while (share < most && runnableAt(share, capacities) < accounts) {
            share++;
        }
        return share;
    }

    private static long runnableAt(long share, int[] capacities) {
        return IntStream.of(capacities).mapToLong(capacity -> Math.min(capacity, share)).sum();
    }
}
