package io.tugboat.controllermanager.nodeipam;

/**
 * kube-controller-manager's IPAM flags.
 *
 * @param allocateNodeCidrs {@code --allocate-node-cidrs}: whether the controller runs at all (Kubernetes: off by
 *                          default, on in kubeadm clusters; Tugboat: on)
 * @param clusterCidr       {@code --cluster-cidr}: the pod range, cut into node ranges
 * @param nodeCidrMaskSize  {@code --node-cidr-mask-size}: the prefix length of each node's range
 */
public record NodeIpamOptions(boolean allocateNodeCidrs, String clusterCidr, int nodeCidrMaskSize) {
    /** Tugboat's defaults: on, flannel's 10.244.0.0/16, a /24 (254 pods) per node. */
    public static NodeIpamOptions defaults() {
        return new NodeIpamOptions(true, "10.244.0.0/16", 24);
    }
}
