package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FairShareTest {

    private static final Set<String> THIRTY = IntStream.range(0, 30).mapToObj(i -> String.format("s%02d", i)).collect(Collectors.toSet());

    @Test
    void anInstanceAloneTakesEveryAccountItCanRun() {
        FairShare plan = FairShare.plan("a", new Roster(Map.of("a", THIRTY), Map.of()), Set.of());

        assertThat(plan.share()).isEqualTo(30);
        assertThat(plan.take()).containsExactlyInAnyOrderElementsOf(THIRTY);
        assertThat(plan.handOver()).isEmpty();
    }

    @Test
    void whenTwoJoinTheFirstHandsOverAllAboveAThirdAndTheNewcomersTakeNothingHeld() {
        Map<String, String> heldByA = THIRTY.stream().collect(Collectors.toMap(s -> s, s -> "a"));
        Roster roster = new Roster(Map.of("a", THIRTY, "b", THIRTY, "c", THIRTY), heldByA);

        FairShare first = FairShare.plan("a", roster, THIRTY);
        FairShare newcomer = FairShare.plan("b", roster, Set.of());

        assertThat(first.share()).isEqualTo(10);
        assertThat(first.handOver()).hasSize(20);
        assertThat(newcomer.take()).isEmpty();
    }

    @Test
    void threeInstancesTakingInTurnFromAFreeRosterEndWithTenEach() {
        Map<String, String> holders = new HashMap<>();
        Map<String, Set<String>> running = Map.of("a", new HashSet<>(), "b", new HashSet<>(), "c", new HashSet<>());
        for (String self : List.of("a", "b", "c", "a", "b", "c")) {
            FairShare plan = FairShare.plan(self, new Roster(Map.of("a", THIRTY, "b", THIRTY, "c", THIRTY), holders), running.get(self));
            plan.take().forEach(account -> holders.put(account, self));
            running.get(self).addAll(plan.take());
        }

        assertThat(running.values()).allSatisfy(accounts -> assertThat(accounts).hasSize(10));
    }

    @Test
    void anInstanceTakesOnlyAccountsItCanRunAndThoseFewerCanRunFirst() {
        Roster roster = new Roster(Map.of("a", Set.of("only-a", "both", "x"), "b", Set.of("both", "x", "only-b")), Map.of("x", "b"));

        FairShare plan = FairShare.plan("a", roster, Set.of());

        assertThat(plan.share()).isEqualTo(2);
        assertThat(plan.take()).containsExactly("only-a", "both");
    }

    @Test
    void anAccountNoOtherInstanceCanRunIsNeverHandedOver() {
        Roster roster = new Roster(Map.of("a", Set.of("p", "q", "r", "s"), "b", Set.of("s")), Map.of());

        FairShare plan = FairShare.plan("a", roster, Set.of("p", "q", "r", "s"));

        assertThat(plan.share()).isEqualTo(3); // "b" can run one account at most
        assertThat(plan.handOver()).containsExactly("s");
    }

    @Test
    void anInstanceThatCanRunFewAccountsLeavesTheRestToTheOthers() {
        Set<String> one = Set.of("s00");
        Roster roster = new Roster(Map.of("a", THIRTY, "b", THIRTY, "c", one, "d", Set.of()), Map.of());

        assertThat(FairShare.plan("a", roster, Set.of()).share()).isEqualTo(15);
        assertThat(FairShare.plan("c", roster, Set.of()).take()).containsExactly("s00");
    }

    @Test
    void instancesWithSessionsOfTheirOwnEachRunTheirOwn() {
        Set<String> first = THIRTY.stream().sorted().limit(15).collect(Collectors.toSet());
        Set<String> second = THIRTY.stream().filter(account -> !first.contains(account)).collect(Collectors.toSet());
        Roster roster = new Roster(Map.of("a", first, "b", second), Map.of());

        assertThat(FairShare.plan("a", roster, Set.of()).take()).containsExactlyInAnyOrderElementsOf(first);
        assertThat(FairShare.plan("b", roster, Set.of()).take()).containsExactlyInAnyOrderElementsOf(second);
    }

    @Test
    void aFreeAccountOnlyThisInstanceCanRunIsTakenAtFullShareAndAnotherHandedOverForIt() {
        Roster roster = new Roster(Map.of("a", Set.of("p", "q", "r"), "b", Set.of("q", "r")), Map.of("q", "a", "r", "a"));

        FairShare plan = FairShare.plan("a", roster, Set.of("q", "r"));

        assertThat(plan.share()).isEqualTo(2);
        assertThat(plan.take()).containsExactly("p");
        assertThat(plan.handOver()).containsExactly("r");
    }

    @Test
    void aLeaseThisInstanceStillHoldsAfterARestartIsTakenBack() {
        FairShare plan = FairShare.plan("a", new Roster(Map.of("a", Set.of("p")), Map.of("p", "a")), Set.of());

        assertThat(plan.take()).containsExactly("p");
    }

    @Test
    void anAccountRunningHereWhoseLeaseAnotherHoldsIsStoppedAndNotCounted() {
        Roster roster = new Roster(Map.of("a", Set.of("p", "q"), "b", Set.of("p", "q")), Map.of("p", "b", "q", "a"));

        FairShare plan = FairShare.plan("a", roster, Set.of("p", "q"));

        assertThat(plan.takenElsewhere()).containsExactly("p");
        assertThat(plan.handOver()).isEmpty();
        assertThat(plan.take()).isEmpty();
    }

    @Test
    void aDeadInstanceLeftOutOfTheLiveOnesRaisesTheShare() {
        Map<String, String> holders = new HashMap<>();
        THIRTY.stream().sorted().limit(15).forEach(account -> holders.put(account, "b"));
        Set<String> mine = THIRTY.stream().sorted().skip(15).limit(10).collect(Collectors.toSet());
        mine.forEach(account -> holders.put(account, "a"));

        FairShare plan = FairShare.plan("a", new Roster(Map.of("a", THIRTY, "b", THIRTY), holders), mine);

        assertThat(plan.share()).isEqualTo(15);
        assertThat(plan.take()).hasSize(5).doesNotContainAnyElementsOf(holders.keySet());
    }
}
