package io.tugboat.kubelet.probe;

import io.tugboat.api.IntOrString;
import io.tugboat.api.core.Container;
import io.tugboat.api.core.ContainerPort;
import io.tugboat.api.core.ExecAction;
import io.tugboat.api.core.HTTPGetAction;
import io.tugboat.api.core.HTTPHeader;
import io.tugboat.api.core.TCPSocketAction;
import io.tugboat.kubelet.runtime.ContainerRuntime;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Runs one check once: an exec in the container (success: exit 0), an HTTP GET to the pod's address (success:
 * 200-399), or a TCP connect. Used by probes and by {@code preStop} hooks alike. Every check has a timeout; a
 * check that throws is a failure, never an exception for the caller.
 */
public final class Prober {
    private final ContainerRuntime runtime;

    public Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Runs whichever of the three actions is set; true on success. */
    public boolean check(String containerId, Container container, String podIP, ExecAction exec, HTTPGetAction http,
                         TCPSocketAction tcp, Duration timeout) {
        try {
            if (exec != null) {
                ContainerRuntime.ExecResult r = runtime.exec(containerId, exec.command(), timeout);
                return !r.timedOut() && r.exitCode() == 0;
            }
            if (http != null) {
                String host = http.host() == null || http.host().isEmpty() ? podIP : http.host();
                String scheme = http.scheme() == null ? "http" : http.scheme().toLowerCase();
                String path = http.path() == null ? "/" : http.path().startsWith("/") ? http.path() : "/" + http.path();
                URI uri = URI.create(scheme + "://" + host + ":" + port(container, http.port()) + path);
                HttpURLConnection conn = (HttpURLConnection) uri.toURL().openConnection();
                conn.setConnectTimeout((int) timeout.toMillis());
                conn.setReadTimeout((int) timeout.toMillis());
                conn.setInstanceFollowRedirects(false);
                conn.setRequestProperty("User-Agent", "kube-probe/1.32");
                for (HTTPHeader h : http.httpHeaders() == null ? List.<HTTPHeader>of() : http.httpHeaders()) {
                    conn.setRequestProperty(h.name(), h.value());
                }
                try {
                    int code = conn.getResponseCode();
                    return code >= 200 && code < 400;
                } finally {
                    conn.disconnect();
                }
            }
            if (tcp != null) {
                String host = tcp.host() == null || tcp.host().isEmpty() ? podIP : tcp.host();
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port(container, tcp.port())), (int) timeout.toMillis());
                    return true;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A port given as a number or as the name of one of the container's ports. */
    static int port(Container container, IntOrString port) {
        if (port == null) {
            throw new IllegalArgumentException("no port");
        }
        if (port.isInt()) {
            return port.intValue();
        }
        for (ContainerPort p : container.ports() == null ? List.<ContainerPort>of() : container.ports()) {
            if (port.strValue().equals(p.name())) {
                return p.containerPort();
            }
        }
        return Integer.parseInt(port.strValue());
    }
}
