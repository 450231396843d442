package dev.marketolog.cli.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.sim.GateViolations;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one JSON object {@code simulate --json} prints: {@code posts}, {@code comments}, {@code events} (each in time order)
 * and a {@code summary}. Times carry the offset of the account's TIMEZONE; posts, which belong to no account, the first's.
 */
public final class SimulationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimulationJson() {}

    public static String render(SimulationRun run) {
        Map<String, ZoneId> zones = run.accounts().stream()
                .collect(Collectors.toMap(AccountSettings::name, a -> a.limits().timezone()));
        ZoneId postZone = run.accounts().getFirst().limits().timezone();
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode posts = root.putArray("posts");
        run.posts().stream().sorted(Comparator.comparing(Post::publishedAt)).forEach(post -> posts.addObject()
                .put("chat_id", post.channelId())
                .put("post_id", post.messageId())
                .put("at", Times.iso(post.publishedAt(), postZone)));
        ArrayNode comments = root.putArray("comments");
        run.comments().stream().sorted(Comparator.comparing(EngineEvent::at)).forEach(comment -> {
            ObjectNode node = comments.addObject()
                    .put("account", comment.account())
                    .put("chat_id", comment.post().channelId())
                    .put("post_id", comment.post().messageId())
                    .put("at", Times.iso(comment.at(), zones.get(comment.account())))
                    .put("branch", comment.branch().code())
                    .put("text", comment.text());
            if (comment.dryRun()) {
                node.put("dry_run", true);
            }
        });
        ArrayNode events = root.putArray("events");
        run.events().stream().map(ReportedEvent::of).flatMap(Optional::stream)
                .sorted(Comparator.comparing(ReportedEvent::at))
                .forEach(event -> {
                    ObjectNode node = events.addObject()
                            .put("account", event.account())
                            .put("at", Times.iso(event.at(), zones.get(event.account())))
                            .put("type", event.type());
                    event.chatId().ifPresent(id -> node.put("chat_id", id));
                    event.duration().ifPresent(d -> node.put("seconds", d.toSeconds()));
                });
        root.set("summary", summary(run, postZone));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode summary(SimulationRun run, ZoneId zone) {
        ObjectNode summary = MAPPER.createObjectNode()
                .put("seed", run.options().seed())
                .put("start", Times.iso(run.options().start(), zone))
                .put("end", Times.iso(run.end(), zone))
                .put("accounts", run.accounts().size())
                .put("channels", run.channels().size())
                .put("posts", run.posts().size())
                .put("comments", run.comments().size());
        putCounts(summary.putObject("comments_by_branch"),
                run.comments().stream().collect(Collectors.groupingBy(c -> c.branch().code(), TreeMap::new, Collectors.counting())));
        putCounts(summary.putObject("events_by_type"), run.events().stream().map(ReportedEvent::of)
                .flatMap(Optional::stream)
                .collect(Collectors.groupingBy(ReportedEvent::type, TreeMap::new, Collectors.counting())));
        putCounts(summary.putObject("skipped_by_reason"), countEvents(run, EngineEvent.Skipped.class, s -> s.reason().code()));
        putCounts(summary.putObject("send_failures_by_type"), countEvents(run, EngineEvent.SendFailed.class, EngineEvent.SendFailed::errorType));
        summary.put("account_failures", run.events().stream().filter(EngineEvent.AccountFailed.class::isInstance).count());
        summary.put("sessions_gone", run.events().stream().filter(EngineEvent.SessionGone.class::isInstance).count());
        GateViolations violations = run.violations();
        summary.putObject("gate_violations")
                .put("outside_allowlist", violations.outsideAllowlist())
                .put("second_comment", violations.secondComment())
                .put("during_flood_wait", violations.duringFloodWait())
                .put("to_closed_channel", violations.toClosedChannel());
        run.llmCalls().ifPresent(calls -> summary
                .put("llm_calls", calls)
                .put("llm_calls_per_comment", run.comments().isEmpty() ? 0 : (double) calls / run.comments().size()));
        ArrayNode accounts = summary.putArray("per_account");
        for (AccountTally tally : AccountTally.all(run)) {
            ObjectNode node = accounts.addObject()
                    .put("account", tally.account())
                    .put("comments", tally.comments())
                    .put("busiest_rolling_hour", tally.busiestRollingHour());
            ObjectNode perDay = node.putObject("per_day");
            tally.perDay().forEach((day, count) -> perDay.put(day.toString(), count));
            putCounts(node.putObject("events_by_type"), tally.eventCounts());
        }
        return summary;
    }

    private static <E extends EngineEvent> Map<String, Long> countEvents(SimulationRun run, Class<E> type, Function<E, String> key) {
        return run.events().stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static void putCounts(ObjectNode node, Map<String, ? extends Number> counts) {
        counts.forEach((key, count) -> node.put(key, count.longValue()));
    }
}
