package dev.marketolog.cli;

import dev.marketolog.telegram.tdlib.LoginPrompts;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Asks on the terminal: questions to {@code out}, answers from the console (passwords unechoed) or {@code in}. */
final class TerminalLoginPrompts implements LoginPrompts {

    private final boolean qr;
    private final BufferedReader in;
    private final Console console;
    private final PrintStream out;

    TerminalLoginPrompts(boolean qr, BufferedReader in, Console console, PrintStream out) {
        this.qr = qr;
        this.in = in;
        this.console = console;
        this.out = out;
    }

    @Override
    public boolean useQrCode() {
        return qr;
    }

    @Override
    public CompletableFuture<String> phoneNumber() {
        return ask(() -> line("Phone number (international format, e.g. +4915112345678): "));
    }

    @Override
    public CompletableFuture<String> code(String problem) {
        return ask(() -> {
            tell(problem);
            return line("Login code Telegram sent you: ");
        });
    }

    @Override
    public CompletableFuture<String> password(String hint, String problem) {
        return ask(() -> {
            tell(problem);
            String prompt = hint.isBlank() ? "2-step verification password: " : "2-step verification password (hint: " + hint + "): ";
            if (console != null) {
                char[] password = console.readPassword("%s", prompt);
                if (password == null) {
                    throw new LoginRequired("no password was given");
                }
                return new String(password);
            }
            return line(prompt);
        });
    }

    @Override
    public void showQrLink(String link) {
        out.println("Scan this with the Telegram app where the account is logged in (Settings > Devices > Link Desktop Device):");
        out.println(QrCodeText.render(link));
        out.println(link);
    }

    @Override
    public void tell(String message) {
        if (!message.isBlank()) {
            out.println(message);
        }
    }

    /** Reads on a virtual thread, never on the TDLib receive thread. */
    private static CompletableFuture<String> ask(Supplier<String> question) {
        return CompletableFuture.supplyAsync(question, command -> Thread.ofVirtual().start(command));
    }

    private String line(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String answer = in.readLine();
            if (answer == null || answer.isBlank()) {
                throw new LoginRequired("no answer was typed; login stopped");
            }
            return answer.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
