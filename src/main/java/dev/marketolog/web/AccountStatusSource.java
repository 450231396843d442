package dev.marketolog.web;

import java.util.List;
import java.util.Optional;

/** Where {@code /health} learns the state of every account; the serve wiring decides who answers. */
@FunctionalInterface
public interface AccountStatusSource {
    /** Every configured account, in configuration order. */
    List<AccountStatus> accounts();

    /**
     * The id of the instance these accounts are seen from, among those sharing the database (its accounts are
     * "running", the others' "running elsewhere"); empty where there is no such identity.
     */
    default Optional<String> instance() {
        return Optional.empty();
    }
}
