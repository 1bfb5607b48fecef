package dev.lenslet.server.cli;

import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.model.ModelSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs a command in-process, as the jar's main would, capturing what it prints. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private Cli() {
    }

    /** {@code lenslet classify --model <shared model> args...}, stderr not a terminal (as under Maven). */
    static Result classify(Object... args) {
        return run(new LensletCommand(), withModel(List.of("classify"), args));
    }

    /** {@code classify --model <shared model> args...} as run on a terminal, where progress bars are drawn. */
    static Result classifyOnTerminal(Object... args) {
        return run(new ClassifyCommand(ModelSource.standard(), true), withModel(List.of(), args));
    }

    private static String[] withModel(List<String> command, Object... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of("--model", SharedFiles.MODEL.toString()));
        for (Object arg : args) {
            all.add(arg.toString());
        }
        return all.toArray(String[]::new);
    }

    public static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
