package dev.marketolog.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * serve's one shutdown hook, for SIGTERM and SIGINT. {@code main} installs it before anything slow (picocli reading
 * every command, the logging): a signal then ends serve with 0 at any moment, where the JVM alone exits with 143.
 * Until serve has something to stop, the hook just ends the process with 0. Deliberately free of logging and picocli,
 * whose loading is the slow part it must precede.
 */
public final class ServeSignal {

    private static final AtomicBoolean installed = new AtomicBoolean();
    private static volatile Runnable onStop = () -> Runtime.getRuntime().halt(0);

    private ServeSignal() {}

    /** Installs the hook once; the process is serve's from now on. */
    public static void install() {
        if (installed.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("marketolog-stop").unstarted(() -> onStop.run()));
        }
    }

    /** From now on a signal (or any exit) runs {@code stop}; installs the hook when main has not. */
    static void onStop(Runnable stop) {
        onStop = stop;
        install();
    }

    /**
     * Whether {@code args} run serve, told without picocli: none, {@code serve}, or a first option that is not one of
     * the root's ({@code --help}, {@code --version}); {@code App.withDefaultCommand} is the full rule, and agrees.
     */
    public static boolean runsServe(String[] args) {
        if (args.length == 0) {
            return true;
        }
        String first = args[0];
        return first.equals(ServeCommand.NAME)
                || first.startsWith("-") && !first.equals("-h") && !first.equals("--help") && !first.equals("-V") && !first.equals("--version");
    }
}
