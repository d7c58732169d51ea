package dev.digestpipeline.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The docs' table of a command tree: one row per runnable command, its synopsis and its description. */
public final class CommandTable {
    private CommandTable() {}

    /**
     * The table of the tree's runnable commands (those without subcommands of their own), each named as typed: the
     * prefix, then its path below the root.
     */
    public static String markdown(CommandLine root, String prefix) {
        return "| command | what it does |\n|---|---|\n" + rows(root, prefix);
    }

    /** The same rows without the table's header, for a tree listed under another's. */
    public static String rows(CommandLine root, String prefix) {
        StringBuilder out = new StringBuilder();
        String rootName = root.getCommandSpec().qualifiedName(" ");
        for (CommandSpec command : runnable(root.getCommandSpec())) {
            String path = command.qualifiedName(" ").substring(rootName.length());
            out.append("| `")
                    .append(synopsis(prefix + path, command).replace("|", "\\|"))
                    .append("` | ")
                    .append(String.join(" ", command.usageMessage().description())
                            .replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static List<CommandSpec> runnable(CommandSpec spec) {
        List<CommandSpec> commands = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec child = sub.getValue().getCommandSpec();
            if (child.subcommands().isEmpty()) {
                commands.add(child);
            } else {
                commands.addAll(runnable(child));
            }
        }
        return commands;
    }

    private static String synopsis(String name, CommandSpec command) {
        StringBuilder out = new StringBuilder(name);
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                out.append(" [")
                        .append(option.longestName())
                        .append(option.arity().max() > 0 ? "=" + option.paramLabel() : "")
                        .append(']');
            }
        }
        for (PositionalParamSpec param : command.positionalParameters()) {
            out.append(' ').append(label(param));
        }
        return out.toString();
    }

    private static String label(ArgSpec param) {
        String label = param.paramLabel() + (param.arity().max() > 1 ? "..." : "");
        return param.arity().min() == 0 ? "[" + label + "]" : label;
    }
}
