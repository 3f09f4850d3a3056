package io.tugboat.kubectl.container;

import io.tugboat.client.exec.RemoteCommand;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug cp SRC POD:DEST} and {@code tug cp POD:SRC DEST}: a file or a whole directory each way, as kubectl
 * does it — a tar stream over exec ({@code tar -xmf - -C PARENT} in, {@code tar cf - PATH} out), so the container
 * needs a {@code tar} binary. As with kubectl, a copied directory becomes DEST (its contents land in DEST, not in
 * DEST/SRC); a file copied out to an existing local directory lands inside it. Only files and directories are
 * copied; entries that would land outside DEST are refused.
 */
@Command(name = "cp", description = "Copy a file to or from a container (needs tar in the container).")
public final class CpCommand extends Verb {
    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DEST")
    String destination;

    @Option(names = {"-c", "--container"}, description = "Container name; default: the first.")
    String container;

    @Override
    public Integer call() throws Exception {
        boolean fromPod = isRemote(source);
        boolean toPod = isRemote(destination);
        if (fromPod == toPod) {
            throw new CliException("one of src or dest must be a local file and the other a remote one (POD:PATH)");
        }
        return toPod ? copyIn(Path.of(source), destination) : copyOut(source, Path.of(destination));
    }

    private static boolean isRemote(String spec) {
        int colon = spec.indexOf(':');
        return colon > 0 && !spec.substring(0, colon).contains("/");
    }

    private int copyIn(Path local, String remote) throws Exception {
        if (!Files.isRegularFile(local) && !Files.isDirectory(local)) {
            throw new CliException(local + " doesn't exist in local filesystem");
        }
        String pod = remote.substring(0, remote.indexOf(':'));
        String path = remote.substring(remote.indexOf(':') + 1);
        int slash = path.lastIndexOf('/');
        String dir = slash <= 0 ? (slash == 0 ? "/" : ".") : path.substring(0, slash);
        String name = path.substring(slash + 1);
        if (name.isEmpty()) {
            name = local.toAbsolutePath().normalize().getFileName().toString(); // pod:/tmp/ means /tmp/<local name>
        }
        byte[] tar = Tar.of(local, name);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        RemoteCommand.Exit exit = exec(pod, List.of("tar", "-xmf", "-", "-C", dir), tar, new ByteArrayOutputStream(), errors);
        if (exit.code() != 0) {
            throw new CliException("copying into " + remote + " failed: " + errors.toString(StandardCharsets.UTF_8).strip());
        }
        return 0;
    }

    private int copyOut(String remote, Path local) throws Exception {
        String pod = remote.substring(0, remote.indexOf(':'));
        String path = remote.substring(remote.indexOf(':') + 1);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        RemoteCommand.Exit exit = exec(pod, List.of("tar", "cf", "-", path), null, tar, errors);
        if (exit.code() != 0) {
            throw new CliException("copying " + remote + " failed: " + errors.toString(StandardCharsets.UTF_8).strip());
        }
        String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
        Path root = local.toAbsolutePath().normalize();
        for (Tar.Entry entry : Tar.read(tar.toByteArray())) {
            String relative = entry.name().equals(prefix) ? "" : entry.name().startsWith(prefix + "/")
                    ? entry.name().substring(prefix.length() + 1) : null;
            if (relative == null) {
                continue; // not under the path asked for
            }
            Path target;
            if (relative.isEmpty() && !entry.directory() && Files.isDirectory(root)) {
                target = root.resolve(Path.of(prefix).getFileName().toString());
            } else {
                target = root.resolve(relative).normalize();
            }
            if (!target.startsWith(root)) {
                throw new CliException("refusing to write " + entry.name() + " outside " + local);
            }
            if (entry.directory()) {
                Files.createDirectories(target);
            } else {
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Files.write(target, entry.content());
            }
        }
        return 0;
    }

    private RemoteCommand.Exit exec(String pod, List<String> command, byte[] stdin, ByteArrayOutputStream out,
                                    ByteArrayOutputStream errors) throws Exception {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        command.forEach(part -> query.add(Map.entry("command", part)));
        if (container != null) {
            query.add(Map.entry("container", container));
        }
        if (stdin != null) {
            query.add(Map.entry("stdin", "true"));
        }
        query.add(Map.entry("stdout", "true"));
        query.add(Map.entry("stderr", "true"));
        try (RemoteCommand session = RemoteCommand.open(api().client(), "/api/v1/namespaces/" + namespace() + "/pods/" + pod + "/exec",
                query, out, errors)) {
            if (stdin != null) {
                for (int off = 0; off < stdin.length; off += 32 * 1024) {
                    int n = Math.min(32 * 1024, stdin.length - off);
                    byte[] chunk = new byte[n];
                    System.arraycopy(stdin, off, chunk, 0, n);
                    session.stdin(chunk, n);
                }
                session.closeStdin();
            }
            return session.awaitExit();
        } catch (RemoteCommand.RemoteCommandException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("copying failed: " + e.getMessage());
        }
    }
}
