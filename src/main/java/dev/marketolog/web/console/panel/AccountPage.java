package dev.marketolog.web.console.panel;

import dev.marketolog.config.ConfigProblem;
import dev.marketolog.engine.AccountControl.EffectiveSetting;
import dev.marketolog.engine.AccountDetail;
import dev.marketolog.engine.JournalSearch.JournalRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account's page.
 *
 * @param status    its state and channels now; empty when this process does not run it
 * @param recent    its latest journal rows, newest first
 * @param submitted what the operator typed into the form when it was rejected, by key, so nothing typed is lost
 * @param problems  why the form was rejected, each shown next to its field (or above the form when it names none)
 * @param notice    a line saying what the last action did, or empty
 */
public record AccountPage(
        String account,
        Optional<AccountDetail> status,
        List<EffectiveSetting> settings,
        List<JournalRow> recent,
        Map<String, String> submitted,
        List<ConfigProblem> problems,
        Optional<String> notice,
        String csrf) {

    public AccountPage {
        settings = List.copyOf(settings);
        recent = List.copyOf(recent);
        submitted = Map.copyOf(submitted);
        problems = List.copyOf(problems);
    }

    /** The value the form shows for {@code setting}: what was typed when the form came back rejected, else the value. */
    public String formValue(EffectiveSetting setting) {
        return submitted.getOrDefault(setting.key(), setting.value());
    }

    /** The problems about {@code key}. */
    public List<ConfigProblem> problemsOf(String key) {
        return problems.stream().filter(problem -> problem.key().equals(key)).toList();
    }

    /** The problems that name no field of the form. */
    public List<ConfigProblem> generalProblems() {
        return problems.stream()
                .filter(problem -> settings.stream().noneMatch(s -> s.changeable() && s.key().equals(problem.key())))
                .toList();
    }
}
