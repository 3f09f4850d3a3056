package io.tugboat.kubectl.cli;

import io.tugboat.kubectl.read.DescribeCommand;
import io.tugboat.kubectl.read.GetCommand;
import io.tugboat.kubectl.write.ApplyCommand;
import io.tugboat.kubectl.write.CreateCommand;
import io.tugboat.kubectl.write.DeleteCommand;
import io.tugboat.kubectl.workload.LogsCommand;
import io.tugboat.kubectl.container.AttachCommand;
import io.tugboat.kubectl.container.CpCommand;
import io.tugboat.kubectl.container.PortForwardCommand;
import io.tugboat.kubectl.container.ExecCommand;
import io.tugboat.kubectl.workload.RolloutCommand;
import io.tugboat.kubectl.workload.ScaleCommand;
import io.tugboat.kubectl.node.CordonCommand;
import io.tugboat.kubectl.node.DrainCommand;
import io.tugboat.kubectl.node.UncordonCommand;
import io.tugboat.kubectl.write.AnnotateCommand;
import io.tugboat.kubectl.write.LabelCommand;
import io.tugboat.kubectl.config.ClusterInfoCommand;
import io.tugboat.kubectl.config.CompletionCommand;
import io.tugboat.kubectl.config.ConfigCommand;
import io.tugboat.kubectl.config.VersionCommand;
import io.tugboat.kubectl.read.ApiResourcesCommand;
import io.tugboat.kubectl.read.ExplainCommand;
import io.tugboat.kubectl.workload.WaitCommand;
import io.tugboat.kubectl.write.EditCommand;
import picocli.CommandLine;

/** Every verb of the command tree, in the order {@code tug --help} lists them. */
final class Commands {
    private Commands() {
    }

    static void addAll(CommandLine line) {
        line.addSubcommand(new GetCommand());
        line.addSubcommand(new ApplyCommand());
        line.addSubcommand(new CreateCommand());
        line.addSubcommand(new DeleteCommand());
        line.addSubcommand(new DescribeCommand());
        line.addSubcommand(new LogsCommand());
        line.addSubcommand(new ExecCommand());
        line.addSubcommand(new AttachCommand());
        line.addSubcommand(new CpCommand());
        line.addSubcommand(new PortForwardCommand());
        line.addSubcommand(new ScaleCommand());
        line.addSubcommand(new RolloutCommand());
        line.addSubcommand(new LabelCommand());
        line.addSubcommand(new AnnotateCommand());
        line.addSubcommand(new CordonCommand());
        line.addSubcommand(new UncordonCommand());
        line.addSubcommand(new DrainCommand());
        line.addSubcommand(new EditCommand());
        line.addSubcommand(new WaitCommand());
        line.addSubcommand(new ExplainCommand());
        line.addSubcommand(new ApiResourcesCommand());
        line.addSubcommand(new VersionCommand());
        line.addSubcommand(new ClusterInfoCommand());
        line.addSubcommand(new ConfigCommand());
        line.addSubcommand(new CompletionCommand());
    }
}
