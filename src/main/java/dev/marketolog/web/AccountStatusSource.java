package dev.marketolog.web;

import java.util.List;

/** Where {@code /health} learns the state of every account; the serve wiring decides who answers. */
@FunctionalInterface
public interface AccountStatusSource {
    /** Every configured account, in configuration order. */
    List<AccountStatus> accounts();
}
