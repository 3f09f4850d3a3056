package io.tugboat.api.core;

import io.tugboat.api.Copies;
import java.util.List;

/**
 * One container of a pod: image, command, environment, ports, resources, mounts and probes.
 *
 * <p>Field names and shapes are those of Kubernetes core/v1 Container; absent fields are {@code null}.
 */
public record Container(
        String name,
        String image,
        List<String> command,
        List<String> args,
        String workingDir,
        List<ContainerPort> ports,
        List<EnvFromSource> envFrom,
        List<EnvVar> env,
        ResourceRequirements resources,
        List<VolumeMount> volumeMounts,
        Probe livenessProbe,
        Probe readinessProbe,
        Probe startupProbe,
        Lifecycle lifecycle,
        String terminationMessagePath,
        String terminationMessagePolicy,
        String imagePullPolicy,
        Boolean stdin,
        Boolean stdinOnce,
        Boolean tty) {
    /** Collections are copied, so a record never shares mutable state with its caller. */
    public Container {
        command = Copies.list(command);
        args = Copies.list(args);
        ports = Copies.list(ports);
        envFrom = Copies.list(envFrom);
        env = Copies.list(env);
        volumeMounts = Copies.list(volumeMounts);
    }

    public Container withName(String name) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withImage(String image) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withCommand(List<String> command) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withArgs(List<String> args) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withWorkingDir(String workingDir) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withPorts(List<ContainerPort> ports) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withEnvFrom(List<EnvFromSource> envFrom) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withEnv(List<EnvVar> env) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withResources(ResourceRequirements resources) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withVolumeMounts(List<VolumeMount> volumeMounts) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withLivenessProbe(Probe livenessProbe) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withReadinessProbe(Probe readinessProbe) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withStartupProbe(Probe startupProbe) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withLifecycle(Lifecycle lifecycle) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withTerminationMessagePath(String terminationMessagePath) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withTerminationMessagePolicy(String terminationMessagePolicy) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withImagePullPolicy(String imagePullPolicy) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withStdin(Boolean stdin) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withStdinOnce(Boolean stdinOnce) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }

    public Container withTty(Boolean tty) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, stdinOnce, tty);
    }
}
