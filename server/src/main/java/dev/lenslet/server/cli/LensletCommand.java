package dev.lenslet.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code lenslet} command; each task is a subcommand, so new ones (such as {@code serve}) are added below. */
@Command(name = "lenslet",
        description = "MobileNetV2 image classification in pure Java.",
        subcommands = {ClassifyCommand.class, EvalCommand.class, ServeCommand.class, TrainCommand.class,
                EmbedCommand.class})
public final class LensletCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    // Inherited, so every subcommand (present and future) answers -h the same way.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    private boolean helpRequested;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: say what to do, e.g. 'lenslet classify FILE'");
    }

    public static void main(String[] args) {
        // Images are only decoded and drawn off-screen: never open a display connection or a Dock icon.
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new LensletCommand()).execute(args));
    }
}
