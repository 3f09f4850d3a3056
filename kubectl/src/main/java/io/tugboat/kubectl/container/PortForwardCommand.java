package io.tugboat.kubectl.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.tugboat.api.ResourceKinds;
import io.tugboat.client.ApiException;
import io.tugboat.kubectl.cli.CliException;
import io.tugboat.kubectl.cli.Verb;
import io.tugboat.kubectl.resource.Selectors;
import io.tugboat.kubectl.resource.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tug port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...}: listens on local ports and forwards every
 * connection to a port of a pod (of {@code pod/x}, or a running pod of {@code deploy/x}, {@code rs/x},
 * {@code sts/x}, {@code ds/x}, as kubectl chooses one) until interrupted. Each connection is its own WebSocket to
 * {@code pods/x/portforward} ({@link PortForwardStream}). {@code 8080} forwards local 8080, {@code :8080} a free local
 * port; output as kubectl's ("Forwarding from 127.0.0.1:18080 -> 8080", "Handling connection for 18080").
 */
@Command(name = "port-forward", description = "Forward one or more local ports to a pod.")
public final class PortForwardCommand extends Verb {
    @Parameters(index = "0", paramLabel = "TYPE/NAME")
    String resource;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[LOCAL_PORT:]REMOTE_PORT")
    List<String> ports = new ArrayList<>();

    @Option(names = "--address", defaultValue = "localhost",
            description = "Address to listen on (localhost or an IP). Default: ${DEFAULT-VALUE}.")
    String address;

    /** One {@code [LOCAL:]REMOTE} pair; local 0 means "any free port". */
    record PortPair(int local, int remote) {
        static PortPair parse(String spec) {
            String[] parts = spec.split(":", -1);
            try {
                if (parts.length == 1) {
                    int port = port(parts[0]);
                    return new PortPair(port, port);
                }
                if (parts.length == 2) {
                    return new PortPair(parts[0].isEmpty() ? 0 : port(parts[0]), port(parts[1]));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CliException("error parsing local port '" + spec + "': expected [LOCAL_PORT:]REMOTE_PORT with ports 1-65535");
        }

        private static int port(String text) {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535 || text.isBlank()) {
                throw new NumberFormatException(text);
            }
            return port;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<PortPair> pairs = ports.stream().map(PortPair::parse).toList();
        String podName = pod();
        String podPath = "/api/v1/namespaces/" + namespace() + "/pods/" + podName;
        InetAddress bind = address.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(address);
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            for (PortPair pair : pairs) {
                ServerSocket listener = new ServerSocket();
                listener.bind(new InetSocketAddress(bind, pair.local()));
                listeners.add(listener);
                out().println("Forwarding from " + bind.getHostAddress() + ":" + listener.getLocalPort() + " -> " + pair.remote());
            }
        } catch (IOException e) {
            listeners.forEach(PortForwardCommand::closeQuietly);
            throw new CliException("unable to listen on port: " + e.getMessage());
        }
        out().flush();
        CountDownLatch stopped = new CountDownLatch(listeners.size());
        for (int i = 0; i < listeners.size(); i++) {
            ServerSocket listener = listeners.get(i);
            int remote = pairs.get(i).remote();
            Thread acceptor = new Thread(() -> accept(listener, podPath, remote, stopped), "tug-port-forward-" + remote);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        try {
            stopped.await(); // until interrupted (Ctrl-C ends the JVM) or every listener failed
        } finally {
            listeners.forEach(PortForwardCommand::closeQuietly);
        }
        return 1;
    }

    private void accept(ServerSocket listener, String podPath, int remote, CountDownLatch stopped) {
        try {
            while (true) {
                Socket connection = listener.accept();
                synchronized (out()) {
                    out().println("Handling connection for " + listener.getLocalPort());
                    out().flush();
                }
                Thread worker = new Thread(() -> PortForwardStream.run(api().client(), podPath, remote, connection, err()),
                        "tug-port-forward-conn");
                worker.setDaemon(true);
                worker.start();
            }
        } catch (IOException e) {
            err().println("error: lost the listener on port " + listener.getLocalPort() + ": " + e.getMessage());
            err().flush();
        } finally {
            stopped.countDown();
        }
    }

    /** The pod to forward to: named, or a running pod of the workload, as kubectl's AttachablePodForObject. */
    private String pod() throws ApiException {
        Target target;
        if (!resource.contains("/")) {
            target = Target.one(List.of("pod", resource), "tug port-forward");
        } else {
            target = Target.one(List.of(resource), "tug port-forward");
        }
        String name = target.names().get(0);
        JsonNode pod;
        if (target.kind() == ResourceKinds.PODS) {
            try {
                pod = api().get(ResourceKinds.PODS, namespace(), name);
            } catch (ApiException.NotFoundException e) {
                throw new CliException("pods \"" + name + "\" not found");
            }
        } else if (List.of("deployments", "replicasets", "statefulsets", "daemonsets", "jobs").contains(target.kind().plural())) {
            JsonNode owner = api().get(target.kind(), namespace(), name);
            JsonNode candidates = api().list(ResourceKinds.PODS, namespace(), Selectors.of(owner), null, false).path("items");
            pod = null;
            for (JsonNode candidate : candidates) {
                if ("Running".equals(candidate.path("status").path("phase").asText())
                        && candidate.path("metadata").path("deletionTimestamp").isMissingNode()) {
                    pod = candidate;
                    break;
                }
            }
            if (pod == null) {
                throw new CliException("timed out waiting for the condition: no running pod of " + resource);
            }
        } else {
            throw new CliException("cannot attach to " + target.kind().plural() + ": not implemented");
        }
        String phase = pod.path("status").path("phase").asText("");
        if (!phase.equals("Running")) {
            throw new CliException("unable to forward port because pod is not running. Current status=" + phase);
        }
        return pod.path("metadata").path("name").asText();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
