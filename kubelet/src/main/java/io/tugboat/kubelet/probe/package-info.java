/**
 * Liveness, readiness and startup probes: {@link io.tugboat.kubelet.probe.Prober} runs one exec, HTTP GET or TCP
 * check; {@link io.tugboat.kubelet.probe.ProbeManager} schedules them per running container on Kubernetes'
 * timings and keeps the verdicts the pod worker reads ({@code pkg/kubelet/prober} upstream).
 */
package io.tugboat.kubelet.probe;
